package io.jwtguard.tck.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.testng.IMethodInstance;
import org.testng.IMethodInterceptor;
import org.testng.ITestContext;
import org.testng.ITestNGMethod;

/**
 * Leaves out the TCK tests named in the system property {@value #PROPERTY}
 * ({@code fully.qualified.TestClass#method}, comma-separated), and says so on standard output.
 *
 * <p>It exists only for named, documented gaps (tck-tests/README.md): a fix pending in
 * {@code jwtguard-core}, or a server that cannot be made to pass a test (TomEE's
 * {@code @Inject Principal}, section 1f). The default list is empty; {@code run-tests.sh} names
 * the TomEE one, and the build stays honest about it. {@code -Dtck.known-gaps=} runs the whole base suite. Nothing in the TCK itself
 * is changed.
 */
public final class KnownGapsInterceptor implements IMethodInterceptor {
    /** The system property listing the left-out tests. */
    public static final String PROPERTY = "jwtguard.tck.known-gaps";

    @Override
    public List<IMethodInstance> intercept(List<IMethodInstance> methods, ITestContext context) {
        Set<String> gaps = Arrays.stream(System.getProperty(PROPERTY, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (gaps.isEmpty()) {
            return methods;
        }
        List<IMethodInstance> kept = new ArrayList<>();
        for (IMethodInstance instance : methods) {
            ITestNGMethod method = instance.getMethod();
            String name = method.getRealClass().getName() + "#" + method.getMethodName();
            if (gaps.contains(name)) {
                System.out.println("JWT Guard TCK: NOT RUN (known core gap, see tck-tests/README.md): " + name);
            } else {
                kept.add(instance);
            }
        }
        return kept;
    }
}
