package io.lear.verifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import org.junit.jupiter.api.Test;

/**
 * RESTEasy (WildFly) refuses to deploy a resource or provider class that has no public constructor it could call
 * itself (RESTEASY003190), even when CDI creates the instance through an {@code @Inject} constructor. Liberty and
 * Payara do not mind, so only the portability smoke test would notice — after minutes; this notices at once.
 */
class ResourceConstructorsTest {
    static final ArchRule RESOURCES_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR = classes()
            .that()
            .areAnnotatedWith(Path.class)
            .or()
            .areAnnotatedWith(Provider.class)
            .should(havePublicNoArgConstructor());

    private static ArchCondition<JavaClass> havePublicNoArgConstructor() {
        return new ArchCondition<>("have a public constructor without parameters") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean found = type.getConstructors().stream()
                        .anyMatch(c -> c.getModifiers().contains(JavaModifier.PUBLIC)
                                && c.getRawParameterTypes().isEmpty());
                events.add(new SimpleConditionEvent(
                        type, found, type.getName() + " has no public constructor without parameters"));
            }
        };
    }

    @Test
    void everyResourceAndProviderCanBeConstructedByTheJaxRsRuntime() {
        RESOURCES_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR.check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lear.verifier"));
    }
}
