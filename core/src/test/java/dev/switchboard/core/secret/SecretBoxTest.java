package dev.switchboard.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

	private final String oldKey = newKey();
	private final String newKey = newKey();

	@Test
	void should_seal_each_value_under_its_own_data_key_and_never_show_the_plaintext() {
		SecretBox box = new SecretBox(oldKey, List.of());
		String sealed = box.encrypt("acme", "sk-live-123");
		assertThat(sealed).startsWith("enc:v1:").doesNotContain("sk-live-123");
		assertThat(box.decrypt("acme", sealed)).isEqualTo("sk-live-123");
		assertThat(box.encrypt("acme", "sk-live-123")).isNotEqualTo(sealed);
	}

	@Test
	void should_not_open_a_value_copied_to_another_tenant() {
		SecretBox box = new SecretBox(oldKey, List.of());
		String sealed = box.encrypt("acme", "sk-live-123");
		assertThatThrownBy(() -> box.decrypt("globex", sealed)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void should_open_old_values_after_a_rotation_and_reseal_them_under_the_new_key() {
		String sealedWithOld = new SecretBox(oldKey, List.of()).encrypt("acme", "sk-live-123");
		SecretBox rotated = new SecretBox(newKey, List.of(oldKey));
		assertThat(rotated.sealedWithOldKey(sealedWithOld)).isTrue();
		String resealed = rotated.reseal("acme", sealedWithOld);
		assertThat(rotated.sealedWithOldKey(resealed)).isFalse();
		// Envelope: only the data key is sealed again; the sealed value itself is unchanged.
		assertThat(resealed.substring(resealed.lastIndexOf(':'))).isEqualTo(sealedWithOld.substring(sealedWithOld.lastIndexOf(':')));
		assertThat(new SecretBox(newKey, List.of()).decrypt("acme", resealed)).isEqualTo("sk-live-123");
		assertThatThrownBy(() -> new SecretBox(newKey, List.of()).decrypt("acme", sealedWithOld))
				.hasMessageContaining("neither the current nor a previous master key");
	}

	@Test
	void should_refuse_a_key_of_the_wrong_size() {
		assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), List.of()))
				.hasMessageContaining("32 bytes");
	}

	private static String newKey() {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		return Base64.getEncoder().encodeToString(raw);
	}
}
