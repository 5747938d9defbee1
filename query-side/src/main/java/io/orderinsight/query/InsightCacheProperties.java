package io.orderinsight.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.insight.cache.*}: the counters' period documents kept in memory for the queries
 * ({@link PeriodDocuments}).
 *
 * @param entries figure entries kept at most (up to about 1 KB each on the heap); 0 reads every document from the store
 */
@ConfigurationProperties("orderinsight.insight.cache")
public record InsightCacheProperties(@DefaultValue("100000") long entries) {}
