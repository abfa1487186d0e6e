package org.stm4j.collections.conformance;

import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.SetFeature;
import java.util.Arrays;
import java.util.Set;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.stm4j.collections.TSet;

/**
 * {@link TSet} is a {@link Set}: guava-testlib's {@code SetTestSuiteBuilder} suites (run by the
 * JUnit Vintage engine through {@link #suite()}), once as is and once with every test inside one
 * enclosing {@code Stm.atomic} ({@link OwnedSuite}).
 *
 * <p>Declared: a general-purpose set (add, remove, iterator remove), null elements and a known
 * order: insertion order, as {@code TSet} is built on {@code TDict}. Not declared: fail-fast
 * iterators and serialization.
 */
public final class TSetConformanceTest {

    private static final Class<?> OWNER = TSetConformanceTest.class;

    private TSetConformanceTest() {
    }

    /**
     * The JUnit 3 entry point the Vintage engine runs.
     *
     * @return all TSet suites
     */
    public static Test suite() {
        TestSuite suite = new TestSuite("TSet java.util.Set conformance");
        suite.addTest(OwnedSuite.of(OWNER, sets("TSet")));
        suite.addTest(OwnedSuite.insideAtomic(OWNER, sets("TSet inside atomic")));
        return suite;
    }

    private static TestSuite sets(String name) {
        return SetTestSuiteBuilder.using(new TestStringSetGenerator() {
            @Override
            protected Set<String> create(String[] elements) {
                return TSet.from(Arrays.asList(elements));
            }
        }).named(name)
                .withFeatures(
                        SetFeature.GENERAL_PURPOSE,
                        CollectionFeature.ALLOWS_NULL_VALUES,
                        CollectionFeature.KNOWN_ORDER,
                        CollectionSize.ANY)
                .createTestSuite();
    }
}
