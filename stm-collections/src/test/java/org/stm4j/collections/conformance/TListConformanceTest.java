package org.stm4j.collections.conformance;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.stm4j.collections.TList;

/**
 * {@link TList} is a {@link List}: guava-testlib's {@code ListTestSuiteBuilder} suites (run by the
 * JUnit Vintage engine through {@link #suite()}).
 *
 * <p>Four suites: the list itself; a {@link List#subList(int, int) subList} in the middle of a
 * longer list (guava-testlib derives no subList suite of its own, it only spot-checks
 * {@code subList} in {@code ListSubListTester}); and both again with every test run inside one
 * enclosing {@code Stm.atomic} ({@link OwnedSuite}).
 *
 * <p>Declared: a general-purpose list (add, remove, set, positional add and remove, iterator
 * remove), known order, null elements. Not declared: fail-fast iterators and serialization,
 * which {@code TList} does not promise.
 */
public final class TListConformanceTest {

    private static final Class<?> OWNER = TListConformanceTest.class;

    private TListConformanceTest() {
    }

    /**
     * The JUnit 3 entry point the Vintage engine runs.
     *
     * @return all TList suites
     */
    public static Test suite() {
        TestSuite suite = new TestSuite("TList java.util.List conformance");
        suite.addTest(OwnedSuite.of(OWNER, lists("TList")));
        suite.addTest(OwnedSuite.of(OWNER, subLists("TList.subList")));
        suite.addTest(OwnedSuite.insideAtomic(OWNER, lists("TList inside atomic")));
        suite.addTest(OwnedSuite.insideAtomic(OWNER, subLists("TList.subList inside atomic")));
        return suite;
    }

    private static TestSuite lists(String name) {
        return withFeatures(ListTestSuiteBuilder.using(new TestStringListGenerator() {
            @Override
            protected List<String> create(String[] elements) {
                return TList.from(Arrays.asList(elements));
            }
        }).named(name));
    }

    /** The elements between a prefix and a suffix that the tests never see. */
    private static TestSuite subLists(String name) {
        return withFeatures(ListTestSuiteBuilder.using(new TestStringListGenerator() {
            @Override
            protected List<String> create(String[] elements) {
                List<String> all = new ArrayList<>();
                all.add("prefix");
                all.addAll(Arrays.asList(elements));
                all.add("suffix");
                return TList.from(all).subList(1, 1 + elements.length);
            }
        }).named(name));
    }

    private static TestSuite withFeatures(ListTestSuiteBuilder<String> builder) {
        return builder
                .withFeatures(
                        ListFeature.GENERAL_PURPOSE,
                        CollectionFeature.ALLOWS_NULL_VALUES,
                        CollectionFeature.KNOWN_ORDER,
                        CollectionSize.ANY)
                .createTestSuite();
    }
}
