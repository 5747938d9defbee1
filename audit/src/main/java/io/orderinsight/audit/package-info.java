/** Case history, state as of a time, the hash chain, export and verification, projection rebuild jobs. */
package io.orderinsight.audit;
