package io.orderinsight.infra.generations;

import com.mongodb.client.MongoDatabase;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import io.orderinsight.projections.insight.InsightProjection;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.payment.PaymentViewProjection;
import io.orderinsight.projections.refund.RefundViewProjection;
import io.orderinsight.projections.risk.RiskViewProjection;
import io.orderinsight.projections.support.BatchedProjection;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.OrderIdSequencingPolicy;
import io.orderinsight.projections.support.ProjectionNames;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/** The read-model projections by name: how to make an instance of any generation, and what it keeps. */
public class ProjectionCatalog {

    private final MongoDatabase readModels;

    public ProjectionCatalog(MongoDatabase readModels) {
        this.readModels = readModels;
    }

    /** The projection's name, or 404 {@code PROJECTION_NOT_FOUND}. */
    public static String require(String projection) {
        if (!ProjectionNames.ALL.contains(projection)) {
            throw new CommandRejectedException(
                    RejectionCode.PROJECTION_NOT_FOUND,
                    "projection " + projection + " not found; projections are " + ProjectionNames.ALL);
        }
        return projection;
    }

    /** A projection instance writing {@code generation}'s collections. */
    public BatchedProjection create(Generation generation) {
        return switch (require(generation.projection())) {
            case ProjectionNames.ORDER_VIEWS -> new OrderViewProjection(readModels, generation);
            case ProjectionNames.PAYMENT_VIEWS -> new PaymentViewProjection(readModels, generation);
            case ProjectionNames.REFUND_VIEWS -> new RefundViewProjection(readModels, generation);
            case ProjectionNames.INSIGHT -> new InsightProjection(readModels, generation);
            case ProjectionNames.RISK_VIEWS -> new RiskViewProjection(readModels, generation);
            default -> throw new IllegalStateException("no factory for " + generation.projection());
        };
    }

    /** The collections {@code generation} keeps, without making an instance (which would create them). */
    public static List<String> collections(Generation generation) {
        List<String> base = switch (require(generation.projection())) {
            case ProjectionNames.ORDER_VIEWS -> OrderViewProjection.COLLECTIONS;
            case ProjectionNames.PAYMENT_VIEWS -> PaymentViewProjection.COLLECTIONS;
            case ProjectionNames.REFUND_VIEWS -> RefundViewProjection.COLLECTIONS;
            case ProjectionNames.INSIGHT -> InsightProjection.COLLECTIONS;
            case ProjectionNames.RISK_VIEWS -> RiskViewProjection.COLLECTIONS;
            default -> throw new IllegalStateException("no collections for " + generation.projection());
        };
        return base.stream().map(generation::collection).toList();
    }

    /** Drops the collections of {@code generation}: a retired one, or a scratch one whose work is done. */
    public void drop(Generation generation) {
        for (String collection : collections(generation)) {
            readModels.getCollection(collection).drop();
        }
    }

    /** A tag for the scratch collections of one piece of work ({@code purpose}), unique to it. */
    public static String scratchTag(String purpose) {
        return purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Order views and counters follow orders; risk views each follow one aggregate. */
    public static SequencingPolicy<? super EventMessage<?>> sequencing(String projection) {
        return projection.equals(ProjectionNames.RISK_VIEWS)
                ? SequentialPerAggregatePolicy.instance()
                : new OrderIdSequencingPolicy();
    }

    public MongoDatabase readModels() {
        return readModels;
    }
}
