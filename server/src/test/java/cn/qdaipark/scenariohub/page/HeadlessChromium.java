package cn.qdaipark.scenariohub.page;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven headless through chromedriver, for the browser suites: starting it (failing under
 * CI=true when it is missing, skipping elsewhere), the steps every story uses, and screenshots at desktop and
 * phone width under target/screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final WebDriver driver;
  private final Path profile;
  private final String base;

  private HeadlessChromium(WebDriver driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
  }

  /** Stops the test class (skipped, or failed under CI) when the browser is not installed. */
  static void requireInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing = "chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
        + " (apt-get install -y chromium chromium-driver)";
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true but the browser is missing: " + missing);
    }
    Assumptions.assumeTrue(present, "skipping the browser suite: " + missing);
  }

  static HeadlessChromium start(String base) throws IOException {
    Path profile = Files.createTempDirectory("scenariohub-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--lang=zh-CN", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).implicitlyWait(Duration.ofSeconds(3));
    driver.manage().window().setSize(new Dimension(1280, 1000));
    Files.createDirectories(SCREENSHOTS);
    return new HeadlessChromium(driver, profile, base);
  }

  void open(String path) {
    driver.get(base + path);
  }

  void type(String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** Clicks a link or submit button and waits until the next page replaced this one (even at the same URL). */
  void navigate(WebElement target) {
    leaveBy(target::click);
  }

  /** Does what leaves the page (a click, a key) and waits until the next page replaced this one. */
  void leaveBy(Runnable action) {
    WebElement page = driver.findElement(By.tagName("html"));
    action.run();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> gone(page));
  }

  /** Waits for the navigation a click started, so assertions never read the page being left. */
  void awaitUrl(String regex) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(regex));
  }

  /** Signs in through the login form and waits for the workspace it leads to. */
  void login(String email, String password) {
    open("/login");
    type("email", email);
    type("password", password);
    navigate(driver.findElement(By.cssSelector("form.form button[type=submit]")));
    awaitUrl(".*/workspace");
  }

  void logout() {
    navigate(driver.findElement(By.cssSelector("form[action='/logout'] button")));
  }

  /**
   * Whether the page left: a stale reference, or chromium's "node does not belong to the document" answer, which
   * it gives instead when asked about the old page in the middle of the navigation.
   */
  private static boolean gone(WebElement page) {
    try {
      page.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** The whole page (up to 4000 px high) at 1280 and at 375 px wide, as NAME-desktop.png and NAME-phone.png. */
  void screenshots(String name) {
    Dimension original = driver.manage().window().getSize();
    try {
      for (int width : new int[] {1280, 375}) {
        driver.manage().window().setSize(new Dimension(width, width == 375 ? 812 : 1000));
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
            "return Math.min(document.documentElement.scrollHeight, 4000)");
        driver.manage().window().setSize(new Dimension(width, height.intValue()));
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + (width == 375 ? "-phone" : "-desktop") + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(original);
    }
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
