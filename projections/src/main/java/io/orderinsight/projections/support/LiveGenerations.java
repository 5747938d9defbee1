package io.orderinsight.projections.support;

/** Which generation of each projection readers use: the first until a blue/green rebuild switches them over. */
@FunctionalInterface
public interface LiveGenerations {

    /** Every projection on its first generation: a store that never rebuilt anything. */
    LiveGenerations FIRST = projection -> Generation.of(projection, Generation.FIRST);

    Generation live(String projection);
}
