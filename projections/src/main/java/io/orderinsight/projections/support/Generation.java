package io.orderinsight.projections.support;

/**
 * One generation of a projection: the processor that keeps it and the collections it writes. The first generation
 * keeps the plain names ({@code views}, {@code order_views}); a blue/green rebuild makes generation n with the
 * processor {@code views@n} writing {@code order_views_gn} (and the rest of its collections so), beside the live one
 * until it takes over. A scratch
 * generation (a drift check, an as-of view) has no processor and writes collections of its own that are dropped after.
 */
public record Generation(String projection, int number, String suffix) {

    public static final int FIRST = 1;

    public static Generation of(String projection, int number) {
        if (number < FIRST) {
            throw new IllegalArgumentException("generations count from " + FIRST + ": " + number);
        }
        return new Generation(projection, number, number == FIRST ? "" : "_g" + number);
    }

    /** Collections for one piece of work, named after {@code tag} (letters, digits and {@code _} only). */
    public static Generation scratch(String projection, String tag) {
        if (!tag.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("a scratch tag is letters, digits and _: " + tag);
        }
        return new Generation(projection, 0, "_tmp_" + tag);
    }

    /** This generation, if it is one of {@code expected}; a projection class given another's is a wiring mistake. */
    public Generation requireOf(String expected) {
        if (!projection.equals(expected)) {
            throw new IllegalArgumentException("not a generation of " + expected + ": " + this);
        }
        return this;
    }

    /** The name of this generation's collection {@code base}. */
    public String collection(String base) {
        return base + suffix;
    }

    /** The processor (and token) name of this generation. */
    public String processorName() {
        return number == FIRST ? projection : projection + "@" + (number == 0 ? suffix.substring(1) : number);
    }
}
