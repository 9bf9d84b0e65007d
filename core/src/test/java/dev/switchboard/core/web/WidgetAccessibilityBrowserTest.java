package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Keyboard-only use, what a screen reader is told, and the phone layout. */
@QuarkusTest
class WidgetAccessibilityBrowserTest extends HostPageTestBase {

	@Test
	void should_be_usable_with_the_keyboard_alone_and_announce_the_answer_once_complete() {
		upstream.enqueue(Reply.text("Keyboard ", "works."));
		page.navigate(launcherPage(""));

		page.keyboard().press("Tab"); // the host page's own link comes first
		page.keyboard().press("Tab");
		Locator launcher = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat"));
		assertThat(launcher).isFocused();
		assertThat(launcher).hasAttribute("aria-expanded", "false");
		page.keyboard().press("Enter");
		Locator message = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
		assertThat(message).isFocused();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Minimize chat")))
				.hasAttribute("aria-expanded", "true");

		page.keyboard().type("Does the keyboard work?");
		page.keyboard().press("Shift+Enter");
		page.keyboard().type("Really?");
		page.keyboard().press("Enter");

		Locator log = page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Messages"));
		assertThat(log).hasAttribute("aria-live", "polite");
		assertThat(log.locator(".message.user")).hasText("You: Does the keyboard work?\nReally?");
		Locator answer = log.locator(".message.assistant");
		// aria-busy holds the screen reader's announcement until the whole answer is there, then it is read once
		assertThat(answer).hasAttribute("aria-busy", "false");
		assertThat(answer).hasText("Assistant: Keyboard works.");
		assertThat(page.locator("switchboard-chat [role=status]").first()).isEmpty();
		assertThat(message).isFocused();

		page.keyboard().press("Escape");
		assertThat(launcher).isFocused();
		assertThat(page.getByRole(AriaRole.DIALOG)).isHidden();
	}

	@Test
	void should_label_every_control() {
		page.navigate(launcherPage(""));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Chat"));
		assertThat(dialog).isVisible();
		for (String name : new String[] { "Your conversations", "New conversation", "Close chat", "Attach image", "Send" }) {
			assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true)))
					.isVisible();
		}
		assertThat(dialog.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Message"))).isVisible();
		for (Locator button : dialog.getByRole(AriaRole.BUTTON).all()) {
			assertThat(button.getAttribute("aria-label")).as(button.innerHTML()).isNotBlank();
		}
	}

	@Test
	void should_fill_a_phone_screen_and_keep_the_launcher_on_the_chosen_side() {
		Page phone = otherDevice(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
		phone.navigate(launcherPage("data-placement=\"bottom-left\""));
		Locator launcher = phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat"));
		BoundingBox button = launcher.boundingBox();
		assertThat(button.x).isLessThan(390 / 2.0);
		launcher.tap();
		Locator dialog = phone.getByRole(AriaRole.DIALOG);
		assertThat(dialog).isVisible();
		BoundingBox panel = dialog.boundingBox();
		assertThat(panel.x).isZero();
		assertThat(panel.y).isZero();
		assertThat(panel.width).isEqualTo(390);
		assertThat(panel.height).isEqualTo(844);
	}
}
