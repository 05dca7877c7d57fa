package avs.execution.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import avs.execution.json.Json;
import avs.execution.support.FlakyNode;
import avs.execution.support.FlakyNode.Mode;
import avs.execution.support.ServiceHarness;
import avs.execution.support.StandInUpstreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser: Debian's chromium, headless, through its chromedriver (installed by .ci/run; the
 * test is skipped, saying so, where they are absent). The task table fills as tasks arrive, a task's story shows
 * its steps, and re-queueing a dead task is refused without the console token and works with it. It also takes the
 * screenshot the README shows (written to target/console.png; copied to docs/ with -Dconsole.screenshot=docs).
 */
@EnabledIf("browserInstalled")
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String TOKEN = "console-test-token-0123456789";
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @TempDir Path dataDir;
  private final StandInUpstreams upstreams = new StandInUpstreams();
  private FlakyNode node;
  private ServiceHarness service;
  private ChromeDriver browser;

  static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  @BeforeEach
  void start() {
    node = new FlakyNode(Mode.ACKNOWLEDGE);
    service = new ServiceHarness(dataDir, upstreams.variables(Map.of(
        "OTHENTIC_CLIENT_RPC_ADDRESS", node.url(), "ACK_WAIT_MS", "300", "RETRY_BASE_MS", "20", "RETRY_MAX_MS", "100", "CONSOLE_TOKEN", TOKEN)));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
    browser.manage().timeouts().pageLoadTimeout(PATIENCE);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    service.close();
    node.close();
    upstreams.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + service.port() + path;
  }

  private String trigger() {
    var answer = service.post("/task/execute", "{\"taskDefinitionId\":0}");
    return Json.MAPPER.readTree(answer.body()).path("data").path("taskId").asString();
  }

  private String state(String taskId) {
    return Json.MAPPER.readTree(service.get("/task/" + taskId).body()).path("data").path("state").asString();
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#task-list tbody tr[data-task-id]"));
  }

  @Test
  void theTableFillsTheStoryShowsTheStepsAndRequeueingNeedsTheToken() throws Exception {
    browser.get(url("/console"));
    assertThat(rows()).isEmpty();
    for (int i = 0; i < 3; i++) {
      service.post("/task/execute", "{\"taskDefinitionId\":0}");
    }
    // the page polls: the rows arrive without a reload
    await().atMost(PATIENCE).until(() -> rows().size() == 3);
    assertThat(browser.findElement(By.cssSelector("b[data-count=acknowledged]")).getText()).isEqualTo("3");

    node.mode(Mode.BAD_REQUEST_400); // a refusal: the next task is dead at once
    service.post("/task/execute", "{\"taskDefinitionId\":0}");
    await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#dead-list li[data-task-id]")).size() == 1);
    String dead = browser.findElement(By.cssSelector("#dead-list li[data-task-id]")).getAttribute("data-task-id");
    assertThat(state(dead)).isEqualTo("dead");
    Files.createDirectories(Path.of("target"));
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Path.of("target/console.png"), StandardCopyOption.REPLACE_EXISTING);
    String copyTo = System.getProperty("console.screenshot");
    if (copyTo != null) {
      Files.copy(shot, Path.of(copyTo).resolve("console.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    // the story of an acknowledged task: every step, and the proof's link
    String acknowledged = rows().stream().filter(r -> "acknowledged".equals(r.getAttribute("data-state"))).findFirst().orElseThrow()
        .getAttribute("data-task-id");
    browser.findElement(By.cssSelector("tr[data-task-id='" + acknowledged + "'] a")).click();
    await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/console/task/" + acknowledged));
    String steps = browser.findElement(By.id("steps")).getText();
    assertThat(steps).contains("received", "executing", "executed", "proof stored", "signed", "sent (attempt 1)", "acknowledged by the node");
    assertThat(browser.findElement(By.id("proof-link")).getAttribute("href")).contains("/ipfs/Qm");
    assertThat(browser.findElement(By.id("params")).getText()).contains(ServiceHarness.ADDRESS);

    // re-queueing the dead task: refused without the token, done with it
    node.mode(Mode.ACKNOWLEDGE);
    browser.get(url("/console/task/" + dead));
    assertThat(browser.findElement(By.id("steps")).getText()).contains("not acknowledged", "dead");
    browser.findElement(By.id("requeue-task")).click();
    await().atMost(PATIENCE).until(() -> browser.findElement(By.id("action-result")).getText().startsWith("403"));
    assertThat(browser.findElement(By.id("action-result")).getText()).contains("console token");
    assertThat(state(dead)).isEqualTo("dead");
    browser.findElement(By.id("console-token")).sendKeys(TOKEN);
    browser.findElement(By.id("requeue-task")).click();
    await().atMost(PATIENCE).until(() -> browser.findElement(By.id("action-result")).getText().contains("re-queued 1 task"));
    await().atMost(PATIENCE).until(() -> state(dead).equals("acknowledged"));

    // the configuration page shows no secret
    browser.get(url("/console/config"));
    String configuration = browser.findElement(By.id("settings")).getText();
    assertThat(configuration).contains("PRIVATE_KEY_PERFORMER", "set (never shown)").doesNotContain(ServiceHarness.KEY.substring(2), TOKEN);
  }
}
