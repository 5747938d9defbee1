/** Event handlers that keep the MongoDB read models; documents are records owned by their projection. */
package io.orderinsight.projections;
