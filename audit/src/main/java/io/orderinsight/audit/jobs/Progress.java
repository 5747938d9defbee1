package io.orderinsight.audit.jobs;

/** What a running job reports about itself; writes are throttled, so it may be called for every unit of work. */
public interface Progress {

    void total(long total);

    void done(long done);
}
