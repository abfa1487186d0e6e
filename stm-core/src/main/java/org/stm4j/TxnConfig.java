package org.stm4j;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.stm4j.internal.BlockPolicy;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagers;

/**
 * How an atomic block runs: its contention manager, how many attempts it may make and what
 * happens past that, a read-only hint, whether it is irrevocable from the start, and a timeout.
 * Immutable and thread-safe; build one once and reuse it.
 *
 * <!-- snippet: stm-core/src/test/java/org/stm4j/docs/CoreSnippetsTest.java#javadoc-txnconfig -->
 * <pre>{@code
 * TxnConfig patient = TxnConfig.builder()
 *         .contentionManager("default")
 *         .maxAttempts(16)                      // then run irrevocably (the default policy)
 *         .timeout(Duration.ofSeconds(5))       // bounds conflicts and waiting in retry()
 *         .build();
 * TVar<Integer> stock = new TVar<>(3);
 * patient.atomic(() -> {
 *     if (stock.get() == 0) {
 *         Stm.retry();                          // waits until stock changes
 *     }
 *     stock.set(stock.get() - 1);
 *     Stm.afterCommit(() -> log.add("sold one"));
 * });
 * }</pre>
 *
 * <p>The process-wide default is {@link Stm#defaultConfig()}; its contention manager comes from the
 * system property {@code stm4j.contentionManager} (a short name such as {@code karma}) when set.
 */
public final class TxnConfig {

    /** What a block does once it has aborted {@link #maxAttempts()} times. */
    public enum OnAttemptsExhausted {
        /** Run the next attempt irrevocably: it cannot abort, so the block commits (the default). */
        BECOME_IRREVOCABLE,
        /** Give up with a {@link TooManyAttemptsException}. */
        THROW
    }

    /** The default attempt limit: past it a block runs irrevocably. */
    public static final int DEFAULT_MAX_ATTEMPTS = 64;

    private final ContentionManager contentionManager;
    private final int maxAttempts;
    private final OnAttemptsExhausted onAttemptsExhausted;
    private final boolean readOnly;
    private final boolean irrevocable;
    private final long timeoutNanos;
    private final BlockPolicy policy;

    private TxnConfig(Builder b) {
        this.contentionManager = b.contentionManager;
        this.maxAttempts = b.maxAttempts;
        this.onAttemptsExhausted = b.onAttemptsExhausted;
        this.readOnly = b.readOnly;
        this.irrevocable = b.irrevocable;
        this.timeoutNanos = b.timeoutNanos;
        this.policy = new BlockPolicy(contentionManager, maxAttempts,
                onAttemptsExhausted == OnAttemptsExhausted.THROW, readOnly, irrevocable, timeoutNanos);
    }

    /** The engine's form of this configuration. */
    BlockPolicy policy() {
        return policy;
    }

    /**
     * A builder starting from the built-in defaults (not from {@link Stm#defaultConfig()}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this configuration.
     *
     * @return a new builder holding this configuration's settings
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.contentionManager = contentionManager;
        b.maxAttempts = maxAttempts;
        b.onAttemptsExhausted = onAttemptsExhausted;
        b.readOnly = readOnly;
        b.irrevocable = irrevocable;
        b.timeoutNanos = timeoutNanos;
        return b;
    }

    /**
     * The contention manager of blocks run with this configuration.
     *
     * @return the manager, never null
     */
    public ContentionManager contentionManager() {
        return contentionManager;
    }

    /**
     * Attempts a block may make before {@link #onAttemptsExhausted()} applies.
     *
     * @return the attempt limit, at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * What happens once {@link #maxAttempts()} attempts have aborted.
     *
     * @return the policy, never null
     */
    public OnAttemptsExhausted onAttemptsExhausted() {
        return onAttemptsExhausted;
    }

    /**
     * Whether blocks promise not to write; a write then throws {@link IllegalStateException}.
     *
     * @return the read-only hint
     */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Whether blocks run irrevocably from their first attempt.
     *
     * @return true for irrevocable blocks
     */
    public boolean irrevocable() {
        return irrevocable;
    }

    /**
     * The timeout of a block.
     *
     * @return the timeout, or {@code null} for none
     */
    public @Nullable Duration timeout() {
        return timeoutNanos == 0 ? null : Duration.ofNanos(timeoutNanos);
    }

    /**
     * Runs {@code block} atomically with this configuration; same as {@link Stm#atomic(TxnConfig, Runnable)}.
     *
     * @param block the transaction's code
     * @throws NullPointerException        if {@code block} is null
     * @throws TooManyAttemptsException    if this configuration gives up past its attempt limit
     * @throws TransactionTimeoutException if this configuration's timeout passes
     */
    public void atomic(Runnable block) {
        Stm.atomic(this, block);
    }

    /**
     * Runs {@code block} atomically with this configuration and returns its result; same as
     *
     * {@link Stm#atomic(TxnConfig, Supplier)}.
     * 
     * @param <T>   the type of the result
     * @param block the transaction's code
     * @return what {@code block} returned in the attempt that committed
     * @throws NullPointerException        if {@code block} is null
     * @throws TooManyAttemptsException    if this configuration gives up past its attempt limit
     * @throws TransactionTimeoutException if this configuration's timeout passes
     */
    public <T extends @Nullable Object> T atomic(Supplier<T> block) {
        return Stm.atomic(this, block);
    }

    @Override
    public String toString() {
        return "TxnConfig[contentionManager=" + contentionManager.name() + ", maxAttempts=" + maxAttempts
                + ", onAttemptsExhausted=" + onAttemptsExhausted + ", readOnly=" + readOnly
                + ", irrevocable=" + irrevocable + ", timeout=" + timeout() + "]";
    }

    /** Builds a {@link TxnConfig}. Every setter validates its argument at once. */
    public static final class Builder {
        private ContentionManager contentionManager = ContentionManagers.named("default");
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private OnAttemptsExhausted onAttemptsExhausted = OnAttemptsExhausted.BECOME_IRREVOCABLE;
        private boolean readOnly;
        private boolean irrevocable;
        private long timeoutNanos;

        private Builder() {
        }

        /**
         * Uses this manager instance (shared by every block run with the configuration).
         *
         * @param manager the contention manager
         * @return this builder
         * @throws NullPointerException if {@code manager} is null
         */
        public Builder contentionManager(ContentionManager manager) {
            this.contentionManager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /**
         * Uses the manager with this short name, e.g. {@code "backoff"}.
         *
         * @param name the short name, case-insensitive
         * @return this builder
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if no manager has that name (the message lists the known ones)
         */
        public Builder contentionManager(String name) {
            this.contentionManager = ContentionManagers.named(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Sets the attempt limit.
         *
         * @param attempts attempts a block may make before {@link #onAttemptsExhausted} applies
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts < 1}
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Sets what happens past the attempt limit.
         *
         * @param policy become irrevocable (the default) or throw
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder onAttemptsExhausted(OnAttemptsExhausted policy) {
            this.onAttemptsExhausted = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Declares blocks read-only: a write then throws {@link IllegalStateException}.
         *
         * @param readOnly the hint
         * @return this builder
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * Runs blocks irrevocably from the start (for a block that performs I/O before any read).
         *
         * @param irrevocable whether to
         * @return this builder
         */
        public Builder irrevocable(boolean irrevocable) {
            this.irrevocable = irrevocable;
            return this;
        }

        /**
         * Bounds the wall-clock time a block may spend (aborting, backing off and waiting in
         * {@link Stm#retry()}); past it the block throws {@link TransactionTimeoutException}.
         * {@code null} or zero means no timeout.
         *
         * @param timeout the bound, or null
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder timeout(@Nullable Duration timeout) {
            if (timeout == null || timeout.isZero()) {
                this.timeoutNanos = 0;
                return this;
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
            }
            long nanos;
            try {
                nanos = timeout.toNanos();
            } catch (ArithmeticException tooLong) {
                nanos = Long.MAX_VALUE;
            }
            this.timeoutNanos = nanos;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return a new immutable configuration
         */
        public TxnConfig build() {
            return new TxnConfig(this);
        }
    }
}
