package io.orderinsight.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

class StreamPositionTest {

    @Test
    void anEventThatFilledAGapIsKnownByItsOwnIndex() {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(10, List.of(7L, 8L));
        assertThat(StreamPosition.ownIndex(before, GapAwareTrackingToken.newInstance(10, List.of(7L))))
                .isEqualTo(8);
        assertThat(StreamPosition.ownIndex(before, GapAwareTrackingToken.newInstance(11, List.of(7L, 8L))))
                .isEqualTo(11);
        assertThat(StreamPosition.ownIndex(null, GapAwareTrackingToken.newInstance(3, List.of())))
                .isEqualTo(3);
    }

    @Test
    void onlyAnEventThatFilledAGapCarriesItsOwnIndexAndEveryOneIsPlacedRight() {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(10, List.of(7L, 8L));
        TrackedEventMessage<?> next = new GenericTrackedDomainEventMessage<>(
                GapAwareTrackingToken.newInstance(11, List.of(7L, 8L)),
                new GenericDomainEventMessage<>("Order", "o-1", 0, "next"));
        TrackedEventMessage<?> filling = new GenericTrackedDomainEventMessage<>(
                GapAwareTrackingToken.newInstance(11, List.of(7L)),
                new GenericDomainEventMessage<>("Order", "o-2", 0, "late"));

        TrackedEventMessage<?> plain = StreamPosition.withOwnIndex(before, next);
        TrackedEventMessage<?> indexed = StreamPosition.withOwnIndex(next.trackingToken(), filling);

        assertThat(plain).isSameAs(next);
        assertThat(indexed.getMetaData()).containsEntry(StreamPosition.GLOBAL_INDEX, 8L);
        assertThat(StreamPosition.of(plain.trackingToken(), null).index()).isEqualTo(11);
        assertThat(StreamPosition.of(
                        indexed.trackingToken(), (Number) indexed.getMetaData().get(StreamPosition.GLOBAL_INDEX)))
                .isEqualTo(new StreamPosition(8, new TreeSet<>(List.of(7L))));
    }

    /**
     * A batch wrote its counters up to index 100 while 95 was still a gap, and the node died before it stored its
     * token. The replay from the older token sees 95 in its place: it is applied, the others are not applied again.
     */
    @Test
    void aReplayAfterACrashAppliesWhatWasAGapAndNothingTwice() {
        StreamPosition recorded = new StreamPosition(100, new TreeSet<>(List.of(95L)));
        for (long index = 91; index <= 100; index++) {
            StreamPosition replayed = StreamPosition.of(GapAwareTrackingToken.newInstance(index, List.of()), index);
            assertThat(replayed.appliedIn(recorded)).as("event %d", index).isEqualTo(index != 95);
        }
        StreamPosition filled = StreamPosition.of(GapAwareTrackingToken.newInstance(95, List.of()), 95L)
                .after(recorded);
        assertThat(filled).isEqualTo(new StreamPosition(100, new TreeSet<>()));
        assertThat(StreamPosition.of(GapAwareTrackingToken.newInstance(101, List.of()), 101L)
                        .appliedIn(filled))
                .isFalse();
    }

    @Test
    void aLaterEventRecordsTheGapsItLeavesBehind() {
        StreamPosition recorded = new StreamPosition(50, new TreeSet<>());
        StreamPosition next = StreamPosition.of(GapAwareTrackingToken.newInstance(60, List.of(55L, 58L)), 60L);
        assertThat(next.appliedIn(recorded)).isFalse();
        StreamPosition now = next.after(recorded);
        assertThat(now.index()).isEqualTo(60);
        assertThat(now.gaps()).containsExactly(55L, 58L);
        assertThat(StreamPosition.of(GapAwareTrackingToken.newInstance(60, List.of(58L)), 55L)
                        .appliedIn(now))
                .isFalse();
    }
}
