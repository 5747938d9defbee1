/** Query handlers, the query HTTP API, the live stream and the dashboard; reads the projections' documents only. */
package io.orderinsight.query;
