/**
 * Python-style transactional collections whose operations compose atomically inside
 * {@code Stm.atomic}, and Python's errors as Java exceptions ({@link org.stm4j.collections.IndexError},
 * {@link org.stm4j.collections.KeyError}, {@link org.stm4j.collections.ValueError}). The collection
 * types ({@code TList}, {@code TDict}, {@code TSet}, a bounded blocking queue) arrive with their own issue.
 */
package org.stm4j.collections;
