package io.firedrill.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.firedrill.adapter.rest.archfixture.FoldingResource;
import io.firedrill.application.archfixturea.Left;
import io.firedrill.application.archfixtureb.Right;
import io.firedrill.domain.archfixture.NetworkingPolicy;
import io.firedrill.domain.archfixtureecho.Echo;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules fail when they are broken: each rule of {@link ArchitectureTest} is evaluated on test
 * classes that break it on purpose (they live in test sources, which {@link ArchitectureTest} does not analyse).
 */
class ArchitectureRulesBiteTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importClasses(FoldingResource.class, NetworkingPolicy.class, Echo.class, Left.class, Right.class);

    @Test
    void anAdapterThatFoldsEventsBreaksAdaptersNeverDecideOrFold() {
        assertViolation(ArchitectureTest.adapters_never_decide_or_fold, "IncidentDecider");
    }

    @Test
    void aResourceThatReadsAnOutboundPortBreaksDrivingAdaptersCallOnlyInboundPorts() {
        assertViolation(ArchitectureTest.driving_adapters_call_only_inbound_ports, "IncidentListViews");
    }

    @Test
    void aDomainClassWithNetworkOrThreadsBreaksDomainDoesNoIoNetworkSqlOrThreads() {
        assertViolation(ArchitectureTest.domain_does_no_io_network_sql_or_threads, "java.net.URI");
        assertViolation(ArchitectureTest.domain_does_no_io_network_sql_or_threads, "java.lang.Thread");
    }

    @Test
    void twoDomainConceptsThatUseEachOtherBreakDomainConceptsAreFreeOfCycles() {
        assertViolation(ArchitectureTest.domain_concepts_are_free_of_cycles, "archfixtureecho");
    }

    @Test
    void twoSlicesThatUseEachOtherBreakApplicationSlicesAreFreeOfCycles() {
        assertViolation(ArchitectureTest.application_slices_are_free_of_cycles, "archfixturea");
    }

    private static void assertViolation(ArchRule rule, String mentioned) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(mentioned);
    }
}
