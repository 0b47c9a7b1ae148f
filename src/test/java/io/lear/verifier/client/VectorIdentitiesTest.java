package io.lear.verifier.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Machines whose key and DID are published test vectors (W3C CCG did-method-key) authenticate end to end. */
class VectorIdentitiesTest {
    private final TestVerifier verifier = TestVerifier.create();

    private void authenticates(TestMachine machine) {
        Scenario s = verifier.scenario();
        s.machine = machine;
        AuthenticatedClient client = verifier.authenticator.authenticate(s.assertion(), Optional.of(machine.did()));
        assertEquals(machine.did(), client.clientId());
    }

    @Test
    void p256VectorMachine() {
        authenticates(TestMachine.w3cP256Vector());
    }

    @Test
    void ed25519VectorMachine() {
        authenticates(new TestMachine(
                TestMachine.ed25519FromSeed(new byte[32]),
                "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
                "EdDSA"));
    }
}
