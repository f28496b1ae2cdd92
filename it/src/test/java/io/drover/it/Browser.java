package io.drover.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium from Debian's packages, driven through its chromedriver (never Selenium
 * Manager, which would try to download one). Screenshots go to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;

  private Browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--no-first-run", "--disable-sync", "--disable-component-update",
      "--disable-breakpad", "--disable-crash-reporter", "--window-size=1400,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  /** A browser, or the test is skipped (or failed, where scripts/test.sh said the suites must run). */
  static Browser open() {
    String mode = System.getenv("DROVER_BROWSER_TESTS");
    assumeTrue(!"skip".equals(mode), "SKIPPED: scripts/test.sh found no Chromium it may install");
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String problem = "no " + CHROMIUM + " or " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
      if ("run".equals(mode) || "true".equals(System.getenv("CI"))) {
        fail("the browser suites must run here, but there is " + problem);
      }
      System.out.println("SKIPPED the browser suite: " + problem);
      assumeTrue(false, problem);
    }
    return new Browser();
  }

  /** Opens {@code url} and signs in with the tests' token when the page asks for it. */
  void get(String url) {
    visit(url);
    Await.until("the page opens or asks for the token", Duration.ofSeconds(30),
      () -> !text("#served-by").isEmpty() || one("#sign-in").isDisplayed());
    if (one("#sign-in").isDisplayed()) {
      signIn(DroverProcess.TOKEN);
      Await.until("the page is signed in", Duration.ofSeconds(30), () -> !text("#served-by").isEmpty());
    }
  }

  /** Opens {@code url}, and nothing else. */
  void visit(String url) {
    driver.get(url);
  }

  /** Types {@code token} into the sign-in form and sends it. */
  void signIn(String token) {
    WebElement input = one("#token-input");
    input.clear();
    input.sendKeys(token);
    one("#token-submit").click();
  }

  String currentUrl() {
    return driver.getCurrentUrl();
  }

  /** The text of the first element matching {@code css}, or "" when there is none. */
  String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebElement one(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /** Waits until the page says its live connection is up. */
  void awaitLive() {
    Await.until("the dashboard is live", Duration.ofSeconds(30), () -> text("#connection").contains("live")
      && !text("#connection").contains("reconnecting"));
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("could not save screenshot " + name + ": " + e, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
