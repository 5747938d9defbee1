package io.orderinsight.infra.audit;

import io.orderinsight.audit.chain.Checkpoints;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit chain in the node's health ({@code auditChain}): down while the checkpoint signer refuses to sign a head
 * that does not extend the last signed one, with the reason; up with the last signed checkpoint otherwise. It is not
 * part of the liveness or readiness groups: a forged history must be seen, not take the node out of service.
 */
@Configuration(proxyBeanMethods = false)
public class AuditHealthConfiguration {

    @Bean
    HealthIndicator auditChain(Checkpoints checkpoints) {
        return () -> {
            Health.Builder health = checkpoints
                    .refusal()
                    .map(refusal -> Health.down()
                            .withDetail("signing", "REFUSED")
                            .withDetail("reason", refusal.reason())
                            .withDetail("headChainSeq", refusal.head())
                            .withDetail("lastSignedCheckpoint", String.valueOf(refusal.lastSigned()))
                            .withDetail("refusedAt", refusal.at().toString()))
                    .orElseGet(Health::up);
            checkpoints.newest().ifPresent(newest -> health.withDetail("lastSignedChainSeq", newest.chainSeq()));
            return health.withDetail("unpublishedCheckpoints", checkpoints.unpublished())
                    .build();
        };
    }
}
