package dev.switchboard.core.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A customer's page embedding the widget of the default tenant (whose model is the fake upstream) or of the tenant a
 * subclass prepares, opened in a fresh browser profile per test. The page is served from another origin than the app, which the widget allows.
 */
abstract class HostPageTestBase {

	/** A 1x1 PNG. */
	static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

	FakeOpenAiUpstream upstream;
	String widgetId;
	BrowserContext context;
	Page page;
	/** Every URL the page requested, to prove the widget talks to nobody but the page's site and the app. */
	final List<String> requested = new CopyOnWriteArrayList<>();
	private final List<BrowserContext> otherDevices = new ArrayList<>();

	@BeforeEach
	void hostPage() {
		upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		widgetId = allowHostOrigin(preparedTenant());
		context = Browsers.chromium().newContext();
		page = open(context);
	}

	@AfterEach
	void closeBrowserProfile() {
		context.close();
	}

	Page open(BrowserContext profile) {
		Page opened = profile.newPage();
		opened.onRequest(request -> requested.add(request.url()));
		return opened;
	}

	/** A new browser profile: another device, sharing nothing with {@link #page}; closed with the test. */
	Page otherDevice(Browser.NewContextOptions options) {
		BrowserContext device = Browsers.chromium().newContext(options);
		otherDevices.add(device);
		return open(device);
	}

	@AfterEach
	void closeOtherDevices() {
		otherDevices.forEach(BrowserContext::close);
	}

	static String appUrl() {
		return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
	}

	/** The tenant whose widget the page embeds, ready for the test by the time this returns. */
	String preparedTenant() {
		return "default";
	}

	/** The tenant's widget id, with the host site among its allowed origins. */
	private static String allowHostOrigin(String tenant) {
		String origin = HostPages.get().origin();
		var widget = Api.admin(tenant).get("/api/v1/admin/widget").then().statusCode(200).extract();
		List<String> origins = new ArrayList<>(widget.<List<String>>path("allowedOrigins"));
		if (!origins.contains(origin)) {
			origins.add(origin);
			Api.admin(tenant).body(Map.of("allowedOrigins", origins)).put("/api/v1/admin/widget").then().statusCode(200);
		}
		return widget.path("publicId");
	}

	/**
	 * A page with the one script tag a customer pastes, plus a recorder of the widget's host hooks in
	 * {@code window.hookCalls}.
	 */
	String launcherPage(String extraScriptAttributes) {
		return launcherPage(extraScriptAttributes, "");
	}

	/** {@link #launcherPage(String)} with more of the host page's own script after the widget's. */
	String launcherPage(String extraScriptAttributes, String hostScript) {
		return HostPages.get().publish("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme app</title>
				<meta name="viewport" content="width=device-width, initial-scale=1"></head>
				<body><h1>Acme</h1><a href="#top">Acme home</a>
				<script src="%s/widget/switchboard.js" data-widget-id="%s" %s></script>
				<script>
				  window.hookCalls = [];
				  for (const hook of ["message", "toolCall", "error"]) Switchboard.on(hook, (detail) => hookCalls.push({ hook, ...detail }));
				  %s
				</script></body></html>
				""".formatted(appUrl(), widgetId, extraScriptAttributes, hostScript));
	}

	Locator chat() {
		return page.locator("switchboard-chat");
	}

	Locator assistantMessages() {
		return page.locator("switchboard-chat .message.assistant");
	}

	/** Opens the launcher and sends a message with the mouse, as most users do. */
	void send(String text) {
		page.getByRole(AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Open chat")).click();
		page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill(text);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
	}

	/** Whether every request went to the host site or the app: no CDN, font or tracker. */
	boolean onlyHostAndAppWereContacted() {
		String app = URI.create(appUrl()).getAuthority();
		String host = URI.create(HostPages.get().origin()).getAuthority();
		return requested.stream().map(URI::create).allMatch(uri -> uri.getScheme().equals("blob")
				|| uri.getScheme().equals("data") || app.equals(uri.getAuthority()) || host.equals(uri.getAuthority()));
	}
}
