package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.core.support.Api;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/** Signed-in users: identify, their history on another device, and logout. */
@QuarkusTest
class WidgetIdentityBrowserTest extends HostPageTestBase {

	private static String identitySecret;

	@Test
	void should_show_a_verified_user_their_history_on_another_device_and_forget_it_on_logout() throws Exception {
		String question = "Where is invoice " + System.nanoTime() + "?";
		upstream.enqueue(Reply.text("It was sent ", "on Monday."));
		String identityToken = identityToken("ada-" + System.nanoTime());
		page.navigate(launcherPage(""));
		page.evaluate("token => Switchboard.identify(token)", identityToken);
		send(question);
		assertThat(assistantMessages().last()).containsText("It was sent on Monday.");

		Page phone = otherDevice(new Browser.NewContextOptions());
		phone.navigate(launcherPage("data-user-token=\"" + identityToken + "\""));
		phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
		phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Your conversations")).click();
		phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(question)).click();
		assertThat(phone.locator("switchboard-chat .message.user")).hasText("You: " + question);
		assertThat(phone.locator("switchboard-chat .message.assistant")).hasText("Assistant: It was sent on Monday.");

		phone.evaluate("() => Switchboard.logout()");
		assertThat(phone.locator("switchboard-chat .message")).hasCount(0);
		phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Your conversations")).click();
		assertThat(phone.locator("switchboard-chat .history")).containsText("No conversations yet.");
	}

	@Test
	void should_report_a_refused_identity_token_to_the_host_page() {
		page.navigate(launcherPage(""));
		page.evaluate("token => Switchboard.identify(token).catch(() => {})", "not.a.jwt");
		assertThat(page.locator("switchboard-chat [role=alert]")).hasCount(1);
		page.waitForFunction("() => hookCalls.some(c => c.hook === 'error' && c.code.startsWith('identity_token'))");
	}

	/** An identity token as the customer's backend mints it, with the secret it got from the admin API. */
	private static String identityToken(String subject) throws JoseException {
		JwtClaims claims = new JwtClaims();
		claims.setSubject(subject);
		claims.setIssuedAtToNow();
		claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + 600));
		claims.setClaim("name", "Ada");
		JsonWebSignature jws = new JsonWebSignature();
		jws.setPayload(claims.toJson());
		jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
		jws.setKey(new HmacKey(secret().getBytes(StandardCharsets.UTF_8)));
		return jws.getCompactSerialization();
	}

	private static synchronized String secret() {
		if (identitySecret == null) {
			identitySecret = Api.admin().body(Map.of("overlapHours", 24)).post("/api/v1/admin/widget/identity-secret")
					.then().statusCode(200).extract().path("secret");
		}
		return identitySecret;
	}
}
