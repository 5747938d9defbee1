package io.orderinsight.command.api;

import static io.orderinsight.command.api.CommandEndpoint.pathId;

import io.orderinsight.command.privacy.CustomerPrivacy;
import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.domain.customer.EraseCustomerDataCommand;
import io.orderinsight.domain.shared.CustomerId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/customers/{customerId}/erasure}: forgets the customer's personal data by destroying its key;
 * the erasure is itself an event ({@code CustomerDataErasedEvent}, with the caller in its metadata). 404 when no
 * personal data is held for the customer, 409 when it was already erased.
 */
@RestController
@RequestMapping(
        path = "/api/v1/customers",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
public class CustomerCommandController {

    private final CommandEndpoint endpoint;

    public CustomerCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @PostMapping(path = "/{customerId}/erasure")
    public ResponseEntity<String> erase(@PathVariable String customerId, HttpServletRequest request) {
        CustomerId customer = CustomerId.of(pathId("customerId", customerId));
        var command = new EraseCustomerDataCommand(customer, endpoint.receipt().at());
        return endpoint.change(
                request,
                Map.of("customerId", customerId),
                command,
                AggregateTypes.CUSTOMER_PRIVACY,
                CustomerPrivacy.idOf(customer));
    }
}
