package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.TestKeys;
import io.orderinsight.projections.support.ProjectionNames;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, which {@code .ci/run} installs) opens the
 * dashboard after commands were sent; the figures on the page must equal the API's.
 */
class DashboardBrowserIT extends ApplicationIT {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @LocalServerPort
    private int port;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        assertThat(CHROMIUM)
                .as("install Debian's chromium and chromium-driver (see .ci/run)")
                .exists();
        assertThat(CHROMEDRIVER)
                .as("install Debian's chromium and chromium-driver (see .ci/run)")
                .exists();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheSameFiguresAsTheApi() {
        String order = unique("o");
        String payment = unique("p");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 4200, 1));
        api.post("/api/v1/payments", recordPayment(payment, order, 4200, "USD", "AUTHORIZED"));
        api.post("/api/v1/payments/" + payment + "/capture", amount(4200));
        // shipped with nothing captured: the shipped-before-capture rule alerts
        String unpaid = unique("o");
        api.post("/api/v1/orders", placeOrder(unpaid, unique("c"), "USD", 1300, 1));
        api.post("/api/v1/orders/" + unpaid + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T\"}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/orders/" + order)
                                .json()
                                .path("captured")
                                .asLong()
                        == 4200);

        browser.get("http://localhost:" + port + "/");

        // the dashboard signs in first: a wrong key is refused, a right one becomes an HttpOnly session cookie
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("signin")).isDisplayed());
        browser.findElement(By.id("key")).sendKeys("not-a-key");
        browser.findElement(By.id("signin-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> text("signin-error").contains("not accepted"));
        browser.findElement(By.id("key")).sendKeys(TestKeys.ALL);
        browser.findElement(By.id("signin-submit")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElement(By.id("signin")).isDisplayed());
        Cookie session = browser.manage().getCookieNamed("OI_SESSION");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(text("caller")).isEqualTo("key:test-all");

        // the page redraws its tables on every refresh: an element read while it is replaced is read again
        await().atMost(Duration.ofSeconds(20))
                .ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    JsonNode combined =
                            api.get("/api/v1/insights/overview").json().path("combined");
                    assertThat(text("kpi-orders").replace(",", ""))
                            .isEqualTo(combined.path("orders").asText());
                    assertThat(text("kpi-cancellations"))
                            .isEqualTo(percent(combined.path("cancellationRate").asDouble()));
                    assertThat(text("kpi-declines"))
                            .isEqualTo(percent(combined.path("declineRate").asDouble()));
                    assertThat(text("freshness")).startsWith("live");
                    assertThat(browser.findElements(By.cssSelector("#sellers tbody tr")))
                            .isNotEmpty();
                    // each seller's nearest breach of a card network's programme, as its KPIs have it
                    // read in one go: the table is drawn anew on every refresh
                    @SuppressWarnings("unchecked")
                    List<String> first = (List<String>) ((JavascriptExecutor) browser)
                            .executeScript("return [...document.querySelectorAll('#sellers tbody tr:first-child td')]"
                                    + ".map(td => td.textContent)");
                    JsonNode radar = api.get("/api/v1/insights/sellers/" + first.get(0))
                            .json()
                            .path("currencies")
                            .path("USD")
                            .path("breachRadar");
                    assertThat(first.get(3)).isEqualTo(breachIn(radar));
                    assertThat(text("kpi-alerts").replace(",", ""))
                            .isEqualTo(combined.path("openAlerts").asText());
                    assertThat(text("alerts"))
                            .contains("shipped-before-capture")
                            .contains(unpaid);
                    // the ten fraud and loss rules and the four anomaly rules
                    assertThat(browser.findElements(By.cssSelector("#rules tbody tr")))
                            .hasSize(14);
                    assertThat(text("losses")).contains("shipped-before-capture");
                    // what changed against the same window a day earlier, and the forecast's word on the series
                    assertThat(text("change-summary")).contains("→");
                    assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return state.waterfallBars"))
                                    .intValue())
                            .isGreaterThanOrEqualTo(3);
                    assertThat(text("forecast-note")).startsWith("Forecast:");
                    assertThat(browser.findElements(By.cssSelector("#projections tbody tr")))
                            .hasSize(ProjectionNames.ALL.size());
                    assertThat(text("projections")).contains("views").contains("RUNNING");
                });
    }

    /** A VIEWER's dashboard neither shows the admin API's projections panel nor asks that API (and gets 403). */
    @Test
    void aViewerSeesNoAdminPanelAndNeverAsksForIt() throws InterruptedException {
        browser.get("http://localhost:" + port + "/");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("signin")).isDisplayed());
        browser.findElement(By.id("key")).sendKeys(TestKeys.BY_ROLE.get("VIEWER"));
        browser.findElement(By.id("signin-submit")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElement(By.id("signin")).isDisplayed());
        await().atMost(Duration.ofSeconds(20)).until(() -> !text("kpi-orders").isEmpty());
        // longer than the admin panel's polling interval
        Thread.sleep(4_500);

        assertThat(browser.findElement(By.id("projections")).isDisplayed()).isFalse();
        Object asked = ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource')"
                        + ".filter(e => e.name.includes('/api/v1/admin/')).length");
        assertThat(((Number) asked).intValue()).isZero();
        assertThat(text("freshness")).doesNotStartWith("update failed");
    }

    private String text(String id) {
        WebElement element = browser.findElement(By.id(id));
        return element.getText().trim();
    }

    private static String breachIn(JsonNode radar) {
        Integer nearest = null;
        for (JsonNode programme : radar) {
            if (programme.hasNonNull("daysUntilBreach")) {
                int days = programme.path("daysUntilBreach").asInt();
                nearest = nearest == null ? days : Math.min(nearest, days);
            }
        }
        return nearest == null ? "—" : nearest == 0 ? "now" : nearest + " d";
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
