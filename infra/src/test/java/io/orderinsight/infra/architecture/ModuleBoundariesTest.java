package io.orderinsight.infra.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of ARCHITECTURE.md, enforced on the compiled classes of every module. */
@AnalyzeClasses(packages = "io.orderinsight", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final String DOMAIN = "io.orderinsight.domain..";
    private static final String COMMAND_SIDE = "io.orderinsight.command..";
    private static final String PROJECTIONS = "io.orderinsight.projections..";
    private static final String QUERY_SIDE = "io.orderinsight.query..";
    private static final String AUDIT = "io.orderinsight.audit..";
    private static final String INFRA = "io.orderinsight.infra..";
    private static final String WEB = "io.orderinsight.web..";
    private static final String SIMULATOR = "io.orderinsight.simulator..";

    @ArchTest
    static final ArchRule domain_depends_only_on_the_jdk_and_axon_annotations = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    DOMAIN, "java..", "org.axonframework.modelling.command..", "org.axonframework.serialization..");

    @ArchTest
    static final ArchRule no_package_cycles_between_modules =
            slices().matching("io.orderinsight.(*)..").should().beFreeOfCycles();

    /** Inside every module: the domain's packages, the aggregates', the assembly's, the audit's, the read models'. */
    @ArchTest
    static final ArchRule no_package_cycles_inside_a_module =
            slices().matching("io.orderinsight.(*).(*)..").should().beFreeOfCycles();

    /** The simulator is a client of the running system: its public HTTP and Kafka interfaces, nothing of its code. */
    @ArchTest
    static final ArchRule the_simulator_is_a_client = classes()
            .that()
            .resideInAPackage(SIMULATOR)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    SIMULATOR,
                    DOMAIN,
                    "java..",
                    "com.fasterxml.jackson..",
                    "org.apache.kafka.clients..",
                    "org.apache.kafka.common..");

    /** Only the application's {@code demo} and {@code simulate} commands start it. */
    @ArchTest
    static final ArchRule only_the_application_commands_use_the_simulator = noClasses()
            .that()
            .resideOutsideOfPackages(SIMULATOR, "io.orderinsight.infra")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SIMULATOR);

    @ArchTest
    static final ArchRule web_depends_only_on_the_domain_spring_web_and_security = classes()
            .that()
            .resideInAPackage(WEB)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    WEB,
                    DOMAIN,
                    "java..",
                    "org.springframework.http..",
                    "org.springframework.security.core..",
                    "org.springframework.security.authentication..");

    /**
     * The audit replays history through command-side's aggregates and rule functions, and nothing else of it: the
     * caller comes from web, personal data is read through the domain's reader.
     */
    @ArchTest
    static final ArchRule audit_uses_only_the_aggregates_and_rules_of_command_side = noClasses()
            .that()
            .resideInAPackage(AUDIT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.orderinsight.command.api..",
                    "io.orderinsight.command.support..",
                    "io.orderinsight.command.privacy..",
                    "io.orderinsight.command.kafka..");

    @ArchTest
    static final ArchRule command_side_must_not_depend_on_query_side_projections_audit_or_infra = noClasses()
            .that()
            .resideInAPackage(COMMAND_SIDE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(QUERY_SIDE, PROJECTIONS, AUDIT, INFRA);

    @ArchTest
    static final ArchRule projections_must_not_depend_on_command_side_query_side_or_audit = noClasses()
            .that()
            .resideInAPackage(PROJECTIONS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(COMMAND_SIDE, QUERY_SIDE, AUDIT, INFRA);

    @ArchTest
    static final ArchRule query_side_must_not_depend_on_command_side_or_audit = noClasses()
            .that()
            .resideInAPackage(QUERY_SIDE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(COMMAND_SIDE, AUDIT, INFRA);

    @ArchTest
    static final ArchRule audit_must_not_depend_on_query_side_or_infra = noClasses()
            .that()
            .resideInAPackage(AUDIT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(QUERY_SIDE, INFRA);

    /** Commands and events alike (a chain of {@code and()}/{@code or()} would group left to right and drop one). */
    @ArchTest
    static final ArchRule domain_messages_are_records = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .and(simpleNameEndingWith("Command").or(simpleNameEndingWith("Event")))
            .should()
            .beRecords();

    @ArchTest
    static final ArchRule events_carry_a_revision = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .and()
            .haveSimpleNameEndingWith("Event")
            .should()
            .beAnnotatedWith(org.axonframework.serialization.Revision.class);
}
