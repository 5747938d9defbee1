package io.orderinsight.projections.support;

/** Which generation of each projection readers use: the first until a blue/green rebuild switches them over. */
@FunctionalInterface
public interface LiveGenerations {

    Generation live(String projection);
}
