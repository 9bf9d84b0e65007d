package dev.switchboard.core.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One headless Debian chromium for every browser test of the run; Playwright never downloads a browser here. */
public final class Browsers {

	/** The flags that let chromium run as root in a container, without any background traffic of its own. */
	private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync");
	private static Browser browser;

	private Browsers() {
	}

	/** Saves the whole page as a test artifact, target/screenshots/{name}.png, to look at after the run. */
	public static void screenshot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target", "screenshots", name + ".png")));
	}

	/** Saves one element, target/screenshots/{name}.png. */
	public static void screenshot(Locator element, String name) {
		element.screenshot(new Locator.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png")));
	}

	public static synchronized Browser chromium() {
		if (browser == null) {
			Playwright playwright = Playwright.create(
					new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
			browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
					.setExecutablePath(Path.of(System.getProperty("switchboard.test.chromium", "/usr/bin/chromium")))
					.setHeadless(true).setArgs(FLAGS));
			// Two shared cores and a model stream per test: give auto-waiting assertions room without sleeping.
			PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
			Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
		}
		return browser;
	}
}
