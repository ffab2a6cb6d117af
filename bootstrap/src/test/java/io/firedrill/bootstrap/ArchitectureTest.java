package io.firedrill.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The dependency rules of docs/architecture.md, checked on the bytecode of every module. The first seven have the same
 * names as the source-level import checks that run before compilation (build-tools/architecture); the others are
 * checked here only, and {@link ArchitectureRulesBiteTest} shows each of them failing on classes that break it.
 */
@AnalyzeClasses(packages = "io.firedrill", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "io.firedrill.domain..";
    private static final String APPLICATION = "io.firedrill.application..";
    private static final String ADAPTERS = "io.firedrill.adapter..";
    private static final String BOOTSTRAP = "io.firedrill.bootstrap..";
    /** The driving adapters: what calls into the application from outside. */
    private static final String[] DRIVING_ADAPTERS = {"io.firedrill.adapter.rest..", "io.firedrill.adapter.webhook.inbound.."};

    @ArchTest
    static final ArchRule domain_is_pure_java = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
            .as("domain_is_pure_java: the domain imports only java.* and itself");

    @ArchTest
    static final ArchRule domain_never_reads_the_clock = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().callMethodWhere(readsTheClockOrRandomness())
            .as("domain_never_reads_the_clock: time comes from a Clock passed in, ids from the caller");

    @ArchTest
    static final ArchRule application_uses_only_domain_and_axon = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java.lang..", "java.util..", "java.time..", "java.net..", "java.math..", "java.nio.charset..",
                    "java.io..", "java.text..", "java.security..",
                    DOMAIN, APPLICATION, "org.axonframework..", "jakarta.annotation..")
            .as("application_uses_only_domain_and_axon: no JAX-RS, SQL, Vert.x, Hibernate, Quarkus or Jackson in use cases");

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("io.firedrill.adapter.(*)..")
            .should().notDependOnEachOther()
            .as("adapters_do_not_depend_on_each_other: an adapter imports the core and its own technology only");

    @ArchTest
    static final ArchRule core_does_not_depend_on_adapters = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .as("core_does_not_depend_on_adapters: dependencies point inward only");

    @ArchTest
    static final ArchRule nothing_depends_on_bootstrap = noClasses()
            .that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
            .as("nothing_depends_on_bootstrap: bootstrap wires everything and is wired by nothing");

    @ArchTest
    static final ArchRule no_blocking_join_outside_bootstrap = noClasses()
            .that().resideOutsideOfPackage(BOOTSTRAP)
            .should().callMethod(CompletableFuture.class, "join")
            .orShould().callMethodWhere(blockingFutureGet())
            .as("no_blocking_join_outside_bootstrap: command and event handling never blocks a thread on a future");

    @ArchTest
    static final ArchRule domain_does_no_io_network_sql_or_threads = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat(ioNetworkSqlOrThreads())
            .as("domain_does_no_io_network_sql_or_threads: the domain computes; files, sockets, SQL and threads belong to adapters");

    @ArchTest
    static final ArchRule domain_concepts_are_free_of_cycles = slices()
            .matching("io.firedrill.domain.(*)..")
            .should().beFreeOfCycles()
            .as("domain_concepts_are_free_of_cycles: a concept of the domain depends on another one way only");

    @ArchTest
    static final ArchRule application_slices_are_free_of_cycles = slices()
            .matching("io.firedrill.application.(*)..")
            .should().beFreeOfCycles()
            .as("application_slices_are_free_of_cycles: a slice of the application depends on another one way only");

    @ArchTest
    static final ArchRule driving_adapters_call_only_inbound_ports = noClasses()
            .that().resideInAnyPackage(DRIVING_ADAPTERS)
            .should().dependOnClassesThat(applicationOutsideInboundPorts())
            .as("driving_adapters_call_only_inbound_ports: REST resources and alert receivers call the application's"
                    + " use cases (application.port.in) and read domain types, never outbound ports, slices or handlers");

    @ArchTest
    static final ArchRule adapters_never_decide_or_fold = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat(decidersAndReplays())
            .orShould().callMethodWhere(decidesEvolvesOrFolds())
            .as("adapters_never_decide_or_fold: only the application turns events into state; adapters call use cases");



    static DescribedPredicate<JavaClass> ioNetworkSqlOrThreads() {
        return DescribedPredicate.describe("do file, network, SQL or thread work", type -> {
            String name = type.getName();
            String pkg = type.getPackageName();
            return pkg.startsWith("java.sql") || pkg.startsWith("javax.sql") || pkg.startsWith("java.net")
                    || pkg.startsWith("java.nio.file") || pkg.startsWith("java.nio.channels")
                    || pkg.startsWith("java.util.concurrent")
                    || (pkg.equals("java.io") && (type.getSimpleName().startsWith("File")
                            || type.getSimpleName().equals("RandomAccessFile")))
                    || name.equals(Thread.class.getName()) || name.equals(ThreadGroup.class.getName())
                    || name.equals(ProcessBuilder.class.getName()) || name.equals(Runtime.class.getName());
        });
    }

    static DescribedPredicate<JavaClass> applicationOutsideInboundPorts() {
        return DescribedPredicate.describe("are application classes outside application.port.in", type ->
                type.getPackageName().startsWith("io.firedrill.application")
                        && !type.getPackageName().startsWith("io.firedrill.application.port.in"));
    }

    static DescribedPredicate<JavaClass> decidersAndReplays() {
        return DescribedPredicate.describe("are deciders or replays of the domain", type ->
                type.getPackageName().startsWith("io.firedrill.domain")
                        && (type.getSimpleName().endsWith("Decider") || type.getSimpleName().equals("IncidentReplay")));
    }

    static DescribedPredicate<JavaCall<?>> decidesEvolvesOrFolds() {
        return DescribedPredicate.describe("decide, evolve or fold of a domain type", call ->
                call.getTarget().getOwner().getPackageName().startsWith("io.firedrill.domain")
                        && (call.getTarget().getName().equals("decide") || call.getTarget().getName().equals("evolve")
                                || call.getTarget().getName().equals("fold")));
    }

    private static DescribedPredicate<JavaCall<?>> readsTheClockOrRandomness() {
        return DescribedPredicate.describe("reads the clock or makes random ids", call -> {
            var target = call.getTarget();
            String owner = target.getOwner().getName();
            String name = target.getName();
            boolean noArguments = target.getRawParameterTypes().isEmpty();
            return (owner.startsWith("java.time.") && name.equals("now") && noArguments)
                    || (owner.equals(Clock.class.getName()) && name.startsWith("system"))
                    || (owner.equals(UUID.class.getName()) && name.equals("randomUUID"))
                    || (owner.equals(System.class.getName())
                            && (name.equals("currentTimeMillis") || name.equals("nanoTime")));
        });
    }

    private static DescribedPredicate<JavaCall<?>> blockingFutureGet() {
        return DescribedPredicate.describe("Future.get", call ->
                call.getTarget().getName().equals("get")
                        && call.getTarget().getOwner().isAssignableTo(Future.class));
    }
}
