package io.orderinsight.command.api;

import static io.orderinsight.command.api.CommandEndpoint.pathId;

import io.orderinsight.command.risk.RiskRule;
import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.RecordRuleVersionCommand;
import io.orderinsight.domain.risk.ResolveAlertCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The risk analysts' decisions: resolving an alert, and recording a rule's new thresholds as its next version. */
@RestController
@RequestMapping(
        path = "/api/v1",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
public class RiskCommandController {

    private final CommandEndpoint endpoint;

    public RiskCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @PostMapping(path = "/alerts/{alertId}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> resolve(
            @PathVariable String alertId,
            @Valid @RequestBody RiskRequests.ResolveAlert body,
            HttpServletRequest request) {
        var command = new ResolveAlertCommand(
                AlertId.of(pathId("alertId", alertId)),
                body.outcome(),
                body.note(),
                endpoint.receipt().occurredAt(body.occurredAt()));
        return endpoint.change(request, body, command, AggregateTypes.ALERT, alertId);
    }

    @PutMapping(path = "/risk/rules/{ruleId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> changeRule(
            @PathVariable String ruleId, @Valid @RequestBody RiskRequests.ChangeRule body, HttpServletRequest request) {
        pathId("ruleId", ruleId);
        if ((body.thresholds() == null || body.thresholds().isEmpty()) && body.enabled() == null) {
            throw CommandRejectedException.invalid("thresholds", "give the thresholds that change, or enabled");
        }
        var command = new RecordRuleVersionCommand(
                ruleId,
                body.thresholds(),
                body.enabled(),
                RecordRuleVersionCommand.SOURCE_API,
                endpoint.receipt().at());
        return endpoint.change(request, body, command, AggregateTypes.RISK_RULE, RiskRule.idOf(ruleId));
    }
}
