package org.stm4j.collections.conformance;

import junit.extensions.TestDecorator;
import junit.framework.AssertionFailedError;
import junit.framework.Protectable;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.runner.Describable;
import org.junit.runner.Description;
import org.stm4j.Stm;
import org.stm4j.TxnConfig;

/**
 * Prepares a guava-testlib suite for the JUnit Vintage engine: every test is reported under the
 * class that declares the suite, and optionally runs inside one enclosing {@code Stm.atomic}.
 *
 * <p><b>Reporting.</b> guava-testlib's tests are instances of its tester classes
 * ({@code ListAddTester}...), shared by every suite. Left as they are, Surefire files their
 * results under those tester classes, in many small chunks that overwrite one another's XML
 * report, and the suite class reports zero tests. Each test is therefore wrapped in a decorator
 * that describes itself as {@code Tester.method[suite name]} of the owning class and reports its
 * events (start, failure, end) under that description, through a forwarding {@link TestResult};
 * the per-tester grouping suites, named by the tester's class name, get its simple name.
 *
 * <p><b>Inside a transaction.</b> Wrapping only the generator would build the collection in a
 * transaction and exercise it outside. Here the whole JUnit 3 test ({@code setUp}, which creates
 * the collection, the test method, {@code tearDown}) runs inside one transaction, so every
 * collection operation joins it (flat nesting), and an operation that throws must undo its own
 * writes before the tester checks that the collection is unchanged. The transaction gets exactly
 * one attempt: a single-threaded test has nothing to conflict with, and a silent re-run would
 * report the test twice; if the engine ever aborts it anyway, the resulting exception is
 * reported as an error of that test.
 */
final class OwnedSuite {

    private static final TxnConfig ONE_ATTEMPT = TxnConfig.builder()
            .maxAttempts(1)
            .onAttemptsExhausted(TxnConfig.OnAttemptsExhausted.THROW)
            .build();

    private static final String GUAVA_TESTLIB = "com.google.common.collect.testing.";

    private OwnedSuite() {
    }

    /** {@code suite}, every test reported under {@code owner}. */
    static TestSuite of(Class<?> owner, TestSuite suite) {
        return wrap(owner, suite, false, "[" + suite.getName() + "]");
    }

    /** {@code suite}, every test reported under {@code owner} and run inside {@code Stm.atomic}. */
    static TestSuite insideAtomic(Class<?> owner, TestSuite suite) {
        return wrap(owner, suite, true, "[" + suite.getName() + "]");
    }

    private static TestSuite wrap(Class<?> owner, TestSuite suite, boolean atomic, String name) {
        TestSuite copy = new TestSuite(name);
        for (int i = 0; i < suite.testCount(); i++) {
            Test test = suite.testAt(i);
            if (test instanceof TestSuite) {
                TestSuite child = (TestSuite) test;
                copy.addTest(wrap(owner, child, atomic, unqualified(child.getName())));
            } else {
                copy.addTest(new OwnedTest(owner, (TestCase) test, atomic));
            }
        }
        return copy;
    }

    /**
     * guava-testlib groups the tests of each tester in a suite named by the tester's class name;
     * the Vintage engine would turn that name back into a class and report the tests there.
     */
    private static String unqualified(String suiteName) {
        return suiteName.startsWith(GUAVA_TESTLIB)
                ? suiteName.substring(suiteName.lastIndexOf('.') + 1)
                : suiteName;
    }

    /** One guava-testlib test, described as a test of the owning class. */
    private static final class OwnedTest extends TestDecorator implements Describable {
        private final Description description;
        private final boolean atomic;

        OwnedTest(Class<?> owner, TestCase test, boolean atomic) {
            super(test);
            this.description = Description.createTestDescription(owner.getName(),
                    "suite[" + test.getClass().getSimpleName() + "." + test.getName() + "]");
            this.atomic = atomic;
        }

        @Override
        public Description getDescription() {
            return description;
        }

        @Override
        public void run(TestResult result) {
            TestResult forwarding = new Forwarding(this, result);
            if (!atomic) {
                basicRun(forwarding);
                return;
            }
            try {
                Stm.atomic(ONE_ATTEMPT, () -> {
                    if (!Stm.inTransaction()) {
                        throw new AssertionError("Stm.atomic did not start a transaction");
                    }
                    basicRun(forwarding);
                });
            } catch (RuntimeException | AssertionError e) {
                result.addError(this, e);
            }
        }

        @Override
        public String toString() {
            return description.getDisplayName();
        }
    }

    /** Reports the events of the wrapped test as events of its decorator. */
    private static final class Forwarding extends TestResult {
        private final Test reportAs;
        private final TestResult target;

        Forwarding(Test reportAs, TestResult target) {
            this.reportAs = reportAs;
            this.target = target;
        }

        @Override
        public void startTest(Test test) {
            target.startTest(reportAs);
        }

        @Override
        public void endTest(Test test) {
            target.endTest(reportAs);
        }

        @Override
        public void addError(Test test, Throwable e) {
            target.addError(reportAs, e);
        }

        @Override
        public void addFailure(Test test, AssertionFailedError e) {
            target.addFailure(reportAs, e);
        }

        @Override
        public void runProtected(Test test, Protectable p) {
            super.runProtected(reportAs, p);
        }

        @Override
        public boolean shouldStop() {
            return target.shouldStop();
        }
    }
}
