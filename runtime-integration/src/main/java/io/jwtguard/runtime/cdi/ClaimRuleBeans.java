package io.jwtguard.runtime.cdi;

import io.jwtguard.core.verify.ClaimRule;
import io.jwtguard.core.verify.TrustedIssuer;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.annotation.ForIssuers;
import io.jwtguard.runtime.guard.ApplicationClaimRules;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds the application's {@link ClaimRule} beans and the issuers each applies to. Stateless. */
final class ClaimRuleBeans {
    private ClaimRuleBeans() {
    }

    /**
     * @return every {@link ClaimRule} bean, ordered by bean class name, as a reference
     * @throws IllegalArgumentException naming the bean, when {@link ForIssuers} names an unknown issuer
     */
    static List<ApplicationClaimRules.Bound> resolve(BeanManager beanManager, VerifierConfig config) {
        List<Bean<?>> beans = new ArrayList<>(beanManager.getBeans(ClaimRule.class, Any.Literal.INSTANCE));
        beans.sort(Comparator.comparing(bean -> bean.getBeanClass().getName()));
        List<ApplicationClaimRules.Bound> bound = new ArrayList<>();
        for (Bean<?> bean : beans) {
            String name = bean.getBeanClass().getName();
            ForIssuers only = bean.getBeanClass().getAnnotation(ForIssuers.class);
            Set<String> issuers = only == null ? Set.of() : issuers(name, only.value(), config);
            ClaimRule rule = (ClaimRule) beanManager.getReference(bean, ClaimRule.class,
                    beanManager.createCreationalContext(bean));
            bound.add(new ApplicationClaimRules.Bound(name, rule, issuers));
        }
        return bound;
    }

    private static Set<String> issuers(String bean, String[] names, VerifierConfig config) {
        if (names.length == 0) {
            throw new IllegalArgumentException("claim rule bean " + bean + ": @ForIssuers names no issuer; name one "
                    + "of jwtguard.issuers, or ForIssuers.PRIMARY, or remove the annotation to check every issuer");
        }
        Set<String> issuers = new LinkedHashSet<>();
        for (String name : names) {
            if (name.equals(ForIssuers.PRIMARY)) {
                issuers.add(config.issuer().orElseThrow(() -> new IllegalArgumentException("claim rule bean " + bean
                        + ": @ForIssuers(PRIMARY) needs mp.jwt.verify.issuer; set it")));
                continue;
            }
            issuers.add(config.trustedIssuers().stream().filter(t -> t.name().equals(name)).findFirst()
                    .map(TrustedIssuer::issuer).orElseThrow(() -> new IllegalArgumentException("claim rule bean "
                            + bean + ": @ForIssuers names '" + name + "', which is not in jwtguard.issuers; use one of "
                            + config.trustedIssuers().stream().map(TrustedIssuer::name).toList()
                            + " or ForIssuers.PRIMARY")));
        }
        return issuers;
    }
}
