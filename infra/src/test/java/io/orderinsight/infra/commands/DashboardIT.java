package io.orderinsight.infra.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import org.junit.jupiter.api.Test;

/** The dashboard and everything it loads are served by the application itself: no CDN. */
class DashboardIT extends ApplicationIT {

    @Test
    void servesTheDashboardWithItsChartingLibrary() {
        Reply page = api.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Order Insight</title>").doesNotContain("https://");
        for (String asset :
                new String[] {"/webjars/chart.js/4.4.1/dist/chart.umd.js", "/dashboard.js", "/dashboard.css"}) {
            assertThat(page.body()).contains(asset);
            assertThat(api.get(asset).status()).as(asset).isEqualTo(200);
        }
        assertThat(api.get("/dashboard.js").body()).contains("EventSource('/api/v1/stream')");
    }
}
