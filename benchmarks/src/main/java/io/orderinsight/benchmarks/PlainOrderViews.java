package io.orderinsight.benchmarks;

import org.springframework.data.repository.CrudRepository;

/** The plain peer's order views, through a Spring Data repository. */
public interface PlainOrderViews extends CrudRepository<PlainOrderView, String> {}
