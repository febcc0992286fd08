package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.HostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argon2id PHC strings against the reference implementation's. */
class PasswordHasherTest {
    // Made with the reference CLI (Debian's argon2 0~20171227):
    //   echo -n password | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -e
    private static final String REFERENCE_OWASP =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
    //   echo -n "correct horse battery staple" | argon2 sirsisaltsalt123 -id -t 2 -m 14 -p 1 -e
    private static final String REFERENCE_16_MIB =
            "$argon2id$v=19$m=16384,t=2,p=1$c2lyc2lzYWx0c2FsdDEyMw$eDCOyEUpPlzkAcR88Ho15KMQaYeK3U9nMI8JTpB4Ktg";

    private final PasswordHasher hasher = PasswordHasher.create();

    @Test
    void hashEqualsTheReferenceCliForTheSameSalt() {
        String phc = hasher.hash("password".toCharArray(), "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII));
        assertEquals(REFERENCE_OWASP, phc);
    }

    @Test
    void verifiesAReferenceHashWithItsOwnParameters() {
        assertTrue(hasher.verify("correct horse battery staple".toCharArray(), REFERENCE_16_MIB));
        assertFalse(hasher.verify("correct horse battery stapl".toCharArray(), REFERENCE_16_MIB));
    }

    @Test
    void roundTripsWithARandomSaltAndRefusesAWrongPassword() {
        String a = hasher.hash("a long passphrase".toCharArray());
        String b = hasher.hash("a long passphrase".toCharArray());
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertNotEquals(a, b, "each hash has its own salt");
        assertTrue(hasher.verify("a long passphrase".toCharArray(), a));
        assertTrue(hasher.verify("a long passphrase".toCharArray(), b));
        assertFalse(hasher.verify("a long passphrasE".toCharArray(), a));
        assertFalse(hasher.verify(new char[0], a));
    }

    @Test
    void theDummyHashOfUnknownUsersCostsWhatANewHashCosts() {
        String fresh = hasher.hash("x".toCharArray());
        String parameters = fresh.substring(0, fresh.lastIndexOf('$', fresh.lastIndexOf('$') - 1));
        assertTrue(Users.DUMMY.startsWith(parameters + "$"), Users.DUMMY);
        assertEquals(fresh.length(), Users.DUMMY.length(), "same salt and hash lengths");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "plain text|fields",
                "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|'argon2i', not argon2id",
                "$argon2id$v=18$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|version is 'v=18'",
                "$argon2id$v=19$m=19456,t=2$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|parameters are 'm=19456,t=2'",
                "$argon2id$v=19$m=9999999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|m (memory in KiB) is 9999999999, outside",
                "$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|t (passes) is 0",
                "$argon2id$v=19$m=16,t=2,p=4$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|below 8 KiB per lane",
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZ!!hbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|the salt is not base64",
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZQ$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE|the salt is 4 bytes",
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG|the hash is 6 bytes",
            })
    void refusesAMalformedHashNamingTheProblemWithoutRepeatingIt(String phc, String problem) {
        HostException e = assertThrows(HostException.class, () -> hasher.verify("password".toCharArray(), phc));
        assertTrue(e.getMessage().startsWith("malformed password hash: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("K13EBUiG"), "the hash is not repeated: " + e.getMessage());
    }
}
