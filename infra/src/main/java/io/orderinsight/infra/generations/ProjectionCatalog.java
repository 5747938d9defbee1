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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * The read-model projections: the one place a projection is registered (its processing group, its handler class, the
 * collections it keeps, how to make one writing a generation). Everything else — the live processors' handlers,
 * blue/green rebuilds, the drift check, the as-of overview, the write-conflict metrics — follows from {@link
 * #PROJECTIONS}.
 */
public class ProjectionCatalog {

    /** A projection of a processing group, and how to make an instance writing a generation's collections. */
    public record Registration(
            String group,
            Class<? extends BatchedProjection> type,
            List<String> collections,
            BiFunction<MongoDatabase, Generation, ? extends BatchedProjection> factory) {}

    /** Every projection, by processing group; a group's handlers in the order they handle each event. */
    public static final List<Registration> PROJECTIONS = List.of(
            new Registration(
                    ProjectionNames.VIEWS,
                    OrderViewProjection.class,
                    OrderViewProjection.COLLECTIONS,
                    OrderViewProjection::new),
            new Registration(
                    ProjectionNames.VIEWS,
                    PaymentViewProjection.class,
                    PaymentViewProjection.COLLECTIONS,
                    PaymentViewProjection::new),
            new Registration(
                    ProjectionNames.VIEWS,
                    RefundViewProjection.class,
                    RefundViewProjection.COLLECTIONS,
                    RefundViewProjection::new),
            new Registration(
                    ProjectionNames.VIEWS,
                    RiskViewProjection.class,
                    RiskViewProjection.COLLECTIONS,
                    RiskViewProjection::new),
            new Registration(
                    ProjectionNames.INSIGHT,
                    InsightProjection.class,
                    InsightProjection.COLLECTIONS,
                    InsightProjection::new));

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

    /** The handlers of a generation's group, each writing that generation's collections. */
    public List<BatchedProjection> handlers(Generation generation) {
        String group = require(generation.projection());
        List<BatchedProjection> handlers = new ArrayList<>();
        for (Registration registration : PROJECTIONS) {
            if (registration.group().equals(group)) {
                handlers.add(registration.factory().apply(readModels, generation));
            }
        }
        return handlers;
    }

    /** The instance of a registered projection class writing its group's live generation: a live processor's handler. */
    public <P extends BatchedProjection> P live(Class<P> type, GenerationPointers generations) {
        for (Registration registration : PROJECTIONS) {
            if (registration.type().equals(type)) {
                return type.cast(registration
                        .factory()
                        .apply(
                                readModels,
                                generations.read(registration.group()).liveGeneration()));
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " is not registered in ProjectionCatalog.PROJECTIONS");
    }

    /** A projection instance writing {@code generation}'s collections: its group's handlers as one. */
    public BatchedProjection create(Generation generation) {
        List<BatchedProjection> handlers = handlers(generation);
        return handlers.size() == 1 ? handlers.get(0) : new ProjectionGroup(handlers);
    }

    /** The collections {@code generation} keeps, without making an instance (which would create them). */
    public static List<String> collections(Generation generation) {
        String group = require(generation.projection());
        return PROJECTIONS.stream()
                .filter(registration -> registration.group().equals(group))
                .flatMap(registration -> registration.collections().stream())
                .map(generation::collection)
                .toList();
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
