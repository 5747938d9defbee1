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
import io.orderinsight.projections.support.ProjectionGroup;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.ViewSequencingPolicy;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

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
            case ProjectionNames.VIEWS ->
                new ProjectionGroup(List.of(
                        new OrderViewProjection(readModels, generation),
                        new PaymentViewProjection(readModels, generation),
                        new RefundViewProjection(readModels, generation),
                        new RiskViewProjection(readModels, generation)));
            case ProjectionNames.INSIGHT -> new InsightProjection(readModels, generation);
            default -> throw new IllegalStateException("no factory for " + generation.projection());
        };
    }

    /** The collections {@code generation} keeps, without making an instance (which would create them). */
    public static List<String> collections(Generation generation) {
        List<String> base = switch (require(generation.projection())) {
            case ProjectionNames.VIEWS ->
                Stream.of(
                                OrderViewProjection.COLLECTIONS,
                                PaymentViewProjection.COLLECTIONS,
                                RefundViewProjection.COLLECTIONS,
                                RiskViewProjection.COLLECTIONS)
                        .flatMap(List::stream)
                        .toList();
            case ProjectionNames.INSIGHT -> InsightProjection.COLLECTIONS;
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

    /** Counters follow orders; the views too, but for the risk views' events, which follow their aggregate. */
    public static SequencingPolicy<? super EventMessage<?>> sequencing(String projection) {
        return projection.equals(ProjectionNames.VIEWS) ? new ViewSequencingPolicy() : new OrderIdSequencingPolicy();
    }

    public MongoDatabase readModels() {
        return readModels;
    }
}
