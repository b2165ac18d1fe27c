package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI at /docs in a real headless Chromium against the local stack: every documented operation is
 * listed, and "Try it out" on register reaches the API and shows its 200 ({@link HeadlessChromium}: skipped,
 * saying so, without the system's Chromium). The screenshot lands in system-tests/target/docs-browser-test.png.
 */
class DocsBrowserTest {
  private static final Path SCREENSHOT = Path.of("target", "docs-browser-test.png");

  private static HeadlessChromium chromium;
  private static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    chromium = HeadlessChromium.start();
    browser = chromium.driver();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void docsListEveryOperationAndTryItOutRegisters() throws IOException {
    browser.get(LocalApi.shared().client().base().resolve("/docs").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    int documented = OpenApiContract.operations().size();
    wait.until(driver -> driver.findElements(By.cssSelector(".opblock")).size() >= documented);

    // The page's Content-Security-Policy must not block anything it needs (a blocked file may go unnoticed).
    List<String> violations =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(message -> message.contains("Content Security Policy"))
            .toList();
    assertEquals(List.of(), violations);

    Set<String> listed = new TreeSet<>();
    for (WebElement operation : browser.findElements(By.cssSelector(".opblock"))) {
      String method = operation.findElement(By.cssSelector(".opblock-summary-method")).getText();
      String path = operation.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path");
      listed.add(method + " " + path);
    }
    Set<String> expected = new TreeSet<>();
    OpenApiContract.operations().forEach(o -> expected.add(o.method() + " " + o.path()));
    assertEquals(expected, listed);

    WebElement register = browser.findElement(By.id("operations-auth-registerUser"));
    register.findElement(By.cssSelector(".opblock-summary-control")).click();
    // The button appears only once the operation has expanded: wait for it rather than look once.
    WebElement tryItOut = wait.until(d -> register.findElement(By.cssSelector(".try-out__btn")));
    wait.until(ExpectedConditions.elementToBeClickable(tryItOut)).click();
    WebElement body = wait.until(d -> register.findElement(By.cssSelector("textarea.body-param__text")));
    String email = "browser-" + UUID.randomUUID() + "@example.com";
    // Set the editor's text the way typing would, so React sees the change, without typing 100 characters.
    ((JavascriptExecutor) browser)
        .executeScript(
            "const area = arguments[0];"
                + "Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(area, arguments[1]);"
                + "area.dispatchEvent(new Event('input', {bubbles: true}));",
            body,
            "{\"username\":\"browser\",\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
    register.findElement(By.cssSelector("button.execute")).click();

    WebElement status =
        wait.until(d -> register.findElement(By.cssSelector(".live-responses-table .response .response-col_status")));
    String responseBody =
        register.findElement(By.cssSelector(".live-responses-table .response .response-col_description")).getText();
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", register);
    saveScreenshot();
    assertEquals("200", status.getText().trim(), responseBody);
    assertTrue(responseBody.contains(email) && responseBody.contains("User registered successfully"), responseBody);
    // ...and the account exists: the API accepts its password.
    assertEquals(200, LocalApi.shared().client().login(email, "correct horse battery").status());
  }

  private static void saveScreenshot() throws IOException {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
  }
}
