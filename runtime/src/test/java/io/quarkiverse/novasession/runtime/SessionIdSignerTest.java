package io.quarkiverse.novasession.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@link SessionIdSigner} on its own, no Quarkus: the form of an id, its randomness, its signature under one or several
 * keys, the session start it carries, and the keys it accepts.
 */
class SessionIdSignerTest {

    private static final String KEY_A = "a".repeat(32);
    private static final String KEY_B = "b".repeat(40);
    private static final String KEY_C = "c".repeat(48);
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** 18 random bytes, then the 6-byte start, then the 16-byte MAC. */
    private static final int RANDOM_BITS = 144;

    private final SessionIdSigner signer = new SessionIdSigner(List.of(KEY_A));

    @Test
    void idIs54Base64urlCharactersWithoutPaddingHolding40Bytes() {
        String id = signer.generate();

        assertThat(SessionIdSigner.LENGTH).isEqualTo(54);
        assertThat(id).hasSize(54).matches("[A-Za-z0-9_-]{54}");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(40);
    }

    @Test
    void everyOneOfThe144RandomBitsVariesAcrossIdsOfTheSameStart() {
        // 2,000 ids of one start: a bit the generator left fixed stays equal in all of them (a random bit does so
        // with probability 2^-1999), and no two ids share their random part
        BitSet seenOne = new BitSet(RANDOM_BITS);
        BitSet seenZero = new BitSet(RANDOM_BITS);
        Set<String> randomParts = new HashSet<>();
        for (int n = 0; n < 2_000; n++) {
            byte[] id = Base64.getUrlDecoder().decode(signer.generate(1_700_000_000_000L));
            for (int bit = 0; bit < RANDOM_BITS; bit++) {
                boolean one = (id[bit / 8] & (0x80 >>> (bit % 8))) != 0;
                (one ? seenOne : seenZero).set(bit);
            }
            randomParts.add(Base64.getEncoder().encodeToString(Arrays.copyOf(id, 18)));
        }

        assertThat(seenOne.cardinality()).isEqualTo(RANDOM_BITS);
        assertThat(seenZero.cardinality()).isEqualTo(RANDOM_BITS);
        assertThat(randomParts).hasSize(2_000);
    }

    @Test
    void recognisesItsOwnIdsAndRefusesAnotherKeysIds() {
        SessionIdSigner other = new SessionIdSigner(List.of(KEY_B));

        assertThat(signer.isIssued(signer.generate())).isTrue();
        assertThat(signer.isIssued(other.generate())).isFalse();
        assertThat(other.isIssued(signer.generate())).isFalse();
    }

    @Test
    void firstKeySignsAndEveryKeyVerifiesSoKeysRotateWithoutLoggingAnybodyOut() {
        SessionIdSigner before = new SessionIdSigner(List.of(KEY_A));
        SessionIdSigner during = new SessionIdSigner(List.of(KEY_B, KEY_A, KEY_C));
        SessionIdSigner onlyNewKey = new SessionIdSigner(List.of(KEY_B));
        SessionIdSigner onlyThirdKey = new SessionIdSigner(List.of(KEY_C));

        // ids of the old key still verify under the new list, whose later keys verify too
        assertThat(during.isIssued(before.generate())).isTrue();
        assertThat(during.isIssued(onlyThirdKey.generate())).isTrue();
        // the new list signs with its first key only
        String signedDuring = during.generate();
        assertThat(onlyNewKey.isIssued(signedDuring)).isTrue();
        assertThat(before.isIssued(signedDuring)).isFalse();
        assertThat(onlyThirdKey.isIssued(signedDuring)).isFalse();
        // once the old key is dropped, its ids stop verifying
        assertThat(onlyNewKey.isIssued(before.generate())).isFalse();
    }

    @Test
    void changingAnyOneCharacterOfAnIdBreaksItsSignature() {
        String id = signer.generate();
        for (int i = 0; i < id.length(); i++) {
            // the last character carries 2 bits of the MAC and 4 zero padding bits: keep the padding zero
            int step = i == id.length() - 1 ? 16 : 1;
            char changed = BASE64URL.charAt((BASE64URL.indexOf(id.charAt(i)) + step) % 64);
            String modified = id.substring(0, i) + changed + id.substring(i + 1);

            assertThat(signer.isIssued(modified)).as("id changed at character %d: %s", i, modified).isFalse();
        }
        assertThat(signer.isIssued(id)).isTrue();
    }

    @Test
    void wellFormedForgedIdsAreRefused() {
        assertThat(signer.isIssued("A".repeat(54))).isFalse();
        assertThat(signer.isIssued("Q".repeat(54))).isFalse();
        assertThat(signer.isIssued("abcdefghijklmnopqrstuvwxyz".repeat(2) + "Aw")).isFalse();
        assertThat(SessionIdSigner.isWellFormed("A".repeat(54))).isTrue();
    }

    @Test
    void truncatedExtendedEmptyOrNullIdsAreRefused() {
        String id = signer.generate();

        assertThat(signer.isIssued(id.substring(0, 53))).isFalse();
        assertThat(signer.isIssued(id.substring(1))).isFalse();
        assertThat(signer.isIssued(id + "A")).isFalse();
        assertThat(signer.isIssued(id.substring(0, 24))).isFalse();
        assertThat(signer.isIssued("")).isFalse();
        assertThat(signer.isIssued(null)).isFalse();
    }

    @Test
    void paddedOrNonZeroPaddingBitsOrStandardBase64SpellingsOfAValidIdAreRefused() {
        String id = signer.generate();
        char last = id.charAt(53);
        // same 40 bytes (the decoder ignores the padding bits), another spelling: one spelling per id
        String nonZeroPaddingBits = id.substring(0, 53) + BASE64URL.charAt(BASE64URL.indexOf(last) | 1);
        assertThat(Base64.getUrlDecoder().decode(nonZeroPaddingBits)).isEqualTo(Base64.getUrlDecoder().decode(id));

        assertThat(signer.isIssued(nonZeroPaddingBits)).isFalse();
        assertThat(signer.isIssued(id + "==")).isFalse();
        assertThat(signer.isIssued(id.substring(0, 52) + "==")).isFalse();
        assertThat(signer.isIssued("+" + id.substring(1))).isFalse();
        assertThat(signer.isIssued(id.substring(0, 5) + "/" + id.substring(6))).isFalse();
        assertThat(signer.isIssued(id.substring(0, 20) + " " + id.substring(21))).isFalse();
        assertThat(signer.isIssued(id)).isTrue();
    }

    @Test
    void sessionStartReadsBackTheGivenStartToTheMillisecond() {
        // 47 bits of milliseconds (until the year 6429): the 48th marks a login's id
        for (long start : new long[] { 0L, 1L, 1_700_000_000_123L, 4_102_444_800_000L, (1L << 47) - 1 }) {
            String id = signer.generate(start);

            assertThat(SessionIdSigner.sessionStart(id)).as("start %d", start).isEqualTo(start);
            assertThat(signer.isIssued(id)).isTrue();
        }
    }

    @Test
    void idOfANewSessionCarriesTheCurrentTime() {
        long before = System.currentTimeMillis();
        String id = signer.generate();
        long after = System.currentTimeMillis();

        assertThat(SessionIdSigner.sessionStart(id)).isBetween(before, after);
    }

    @Test
    void keysShorterThan32CharactersOrNoKeyAtAllAreRefused() {
        assertThatThrownBy(() -> new SessionIdSigner(List.of("k".repeat(31))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Every quarkus.nova-session.id-keys entry must be at least 32 characters long");
        assertThatThrownBy(() -> new SessionIdSigner(List.of(KEY_A, "short")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionIdSigner(new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("At least one session id key is needed");

        assertThat(new SessionIdSigner(List.of("k".repeat(32))).generate()).hasSize(54);
    }

    @Test
    void randomKeySignerRecognisesOnlyItsOwnIds() {
        SessionIdSigner one = SessionIdSigner.withRandomKey();
        SessionIdSigner two = SessionIdSigner.withRandomKey();

        assertThat(one.isIssued(one.generate())).isTrue();
        assertThat(one.isIssued(two.generate())).isFalse();
    }

    @Test
    void aLoginsIdSaysSoAndKeepsItsSessionStart() {
        long start = 1_764_000_000_123L;
        String login = signer.generate(start, true);
        String plain = signer.generate(start);
        assertThat(SessionIdSigner.loggedIn(login)).isTrue();
        assertThat(SessionIdSigner.loggedIn(plain)).isFalse();
        assertThat(SessionIdSigner.sessionStart(login)).isEqualTo(start);
        assertThat(SessionIdSigner.sessionStart(plain)).isEqualTo(start);
        assertThat(signer.isIssued(login)).isTrue();
        assertThat(login).hasSize(SessionIdSigner.LENGTH);
    }

    @Test
    void theLoginMarkCannotBeAddedWithoutTheKey() {
        String plain = signer.generate(1_764_000_000_123L);
        // flip the top bit of the signed start time: the MAC no longer verifies
        byte[] bytes = java.util.Base64.getUrlDecoder().decode(plain);
        bytes[18] ^= (byte) 0x80;
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(SessionIdSigner.loggedIn(forged)).isTrue();
        assertThat(signer.isIssued(forged)).isFalse();
    }
}
