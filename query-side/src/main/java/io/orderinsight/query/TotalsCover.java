package io.orderinsight.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.insight.SalesCalendar;
import io.orderinsight.projections.support.VersionedDocuments;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Reads a window of {@code sales_totals} from the fewest documents: whole months from month roll-ups, whole days from
 * day roll-ups, and the rest from hour documents (minute by minute at the window's edges), never larger than the unit
 * the caller sums by. The calendar document names the currencies and the first and last hour counted in each, so the
 * ids of every document needed are worked out and read in {@code $in} queries by {@code _id} — the lookup the
 * embedded server serves from its index — and a query reads a bounded number of documents whatever the volume: at
 * most two partial hours, 46 whole hours and 60 days around the months in between, and of each only the sections
 * asked for (the figures, the funnel, or the figures by one dimension); those unchanged since an earlier query are
 * taken from {@link PeriodDocuments}. A minute counts when its start lies in [from
 * truncated to the minute, to).
 */
final class TotalsCover {

    /** The figures ({@code m}) or funnel ({@code f}) of one currency over one period beginning at {@code start}. */
    interface PeriodVisitor {
        void visit(String currency, String section, Instant start, Document values);
    }

    private TotalsCover() {}

    /** The period documents of each piece of the window, no piece larger than {@code largest} (minutes to months). */
    static void each(
            MongoCollection<Document> totals,
            PeriodDocuments periods,
            Window window,
            String only,
            ChronoUnit largest,
            List<String> sections,
            PeriodVisitor visitor) {
        Document stored = totals.find(Filters.eq(VersionedDocuments.ID, InsightCollections.CALENDAR))
                .first();
        if (stored == null) {
            return;
        }
        SalesCalendar calendar = SalesCalendar.of(stored);
        // every currency's pieces first, so that their documents are read together
        Map<String, List<Piece>> covers = new LinkedHashMap<>();
        for (String currency : calendar.currencies()) {
            Instant first = calendar.first().get(currency);
            Instant last = calendar.last().get(currency);
            if ((only != null && !only.equals(currency)) || first == null || last == null) {
                continue;
            }
            Instant from = later(
                    first.truncatedTo(ChronoUnit.MINUTES),
                    window.from() == null ? null : window.from().truncatedTo(ChronoUnit.MINUTES));
            // the calendar keeps the hours of the first and last times counted (minutes, in documents before that)
            Instant to = earlier(
                    last.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS),
                    window.to() == null ? null : ceilingMinute(window.to()));
            if (from.isBefore(to)) {
                covers.put(currency, cover(from, to, largest, window.to() == null));
            }
        }
        List<String> ids = covers.entrySet().stream()
                .flatMap(cover -> cover.getValue().stream().map(piece -> piece.documentId(cover.getKey())))
                .distinct()
                .toList();
        Map<String, Document> documents = periods.read(totals, ids, sections);
        covers.forEach((currency, pieces) -> visit(documents, currency, pieces, sections, visitor));
    }

    /** A period of the cover: a month, a day, an hour, or minutes [start, end) of one hour. */
    record Piece(ChronoUnit unit, Instant start, Instant end) {

        String documentId(String currency) {
            return switch (unit) {
                case MONTHS -> InsightCollections.rollupId(currency, InsightCollections.MONTHLY, start);
                case DAYS -> InsightCollections.rollupId(currency, InsightCollections.DAY, start);
                default -> InsightCollections.hourId(currency, start);
            };
        }
    }

    /**
     * [from, to) in whole minutes, as months, days, hours and minutes, none larger than {@code largest}. With an
     * {@code open} end (a window without {@code to}, so that {@code to} is only where the figures end) the last month or
     * day is read whole: everything its document holds lies in the window, and one month document replaces up to 30
     * days' and 23 hours' documents.
     */
    static List<Piece> cover(Instant from, Instant to, ChronoUnit largest, boolean open) {
        List<Piece> pieces = new ArrayList<>();
        Instant at = from;
        while (at.isBefore(to)) {
            Instant month = plusMonth(at);
            Instant day = at.plus(1, ChronoUnit.DAYS);
            Instant hour = at.plus(1, ChronoUnit.HOURS);
            if (fits(largest, ChronoUnit.MONTHS) && isMonthStart(at) && (open || !month.isAfter(to))) {
                pieces.add(new Piece(ChronoUnit.MONTHS, at, month));
                at = month;
            } else if (fits(largest, ChronoUnit.DAYS)
                    && at.equals(at.truncatedTo(ChronoUnit.DAYS))
                    && (open || !day.isAfter(to))) {
                pieces.add(new Piece(ChronoUnit.DAYS, at, day));
                at = day;
            } else if (at.equals(at.truncatedTo(ChronoUnit.HOURS)) && !hour.isAfter(to)) {
                pieces.add(new Piece(ChronoUnit.HOURS, at, hour));
                at = hour;
            } else {
                Instant end = earlier(at.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS), to);
                pieces.add(new Piece(ChronoUnit.MINUTES, at, end));
                at = end;
            }
        }
        return pieces;
    }

    /** The sections of one currency's pieces, whole periods as they are and hours minute by minute. */
    private static void visit(
            Map<String, Document> documents,
            String currency,
            List<Piece> pieces,
            List<String> sections,
            PeriodVisitor visitor) {
        for (Piece piece : pieces) {
            Document document = documents.get(piece.documentId(currency));
            if (document == null) {
                continue;
            }
            for (String section : sections) {
                Document values = at(document, section);
                if (values == null) {
                    continue;
                }
                if (piece.unit() == ChronoUnit.MONTHS || piece.unit() == ChronoUnit.DAYS) {
                    visitor.visit(currency, section, piece.start(), values);
                    continue;
                }
                // an hour document: its minutes, those of the piece
                for (var minute : values.entrySet()) {
                    Instant start = piece.start()
                            .truncatedTo(ChronoUnit.HOURS)
                            .plus(Long.parseLong(minute.getKey()), ChronoUnit.MINUTES);
                    if (!start.isBefore(piece.start()) && start.isBefore(piece.end())) {
                        visitor.visit(currency, section, start, (Document) minute.getValue());
                    }
                }
            }
        }
    }

    /** The section of a document at a path of field names joined by dots, or null if it has none. */
    private static Document at(Document document, String section) {
        Document values = document;
        for (String field : section.split("\\.")) {
            values = values.get(field, Document.class);
            if (values == null) {
                return null;
            }
        }
        return values;
    }

    private static boolean fits(ChronoUnit largest, ChronoUnit unit) {
        return largest.getDuration().compareTo(unit.getDuration()) >= 0;
    }

    private static boolean isMonthStart(Instant at) {
        return at.equals(at.truncatedTo(ChronoUnit.DAYS))
                && at.atOffset(ZoneOffset.UTC).getDayOfMonth() == 1;
    }

    private static Instant plusMonth(Instant at) {
        return at.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    private static Instant ceilingMinute(Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(at) ? at : minute.plus(1, ChronoUnit.MINUTES);
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }
}
