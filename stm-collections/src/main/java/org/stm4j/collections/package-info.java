/**
 * Python-style transactional collections whose operations compose atomically inside
 * {@code Stm.atomic}. The types themselves ({@code TList}, {@code TDict}, {@code TSet} and a bounded
 * blocking queue) arrive with their own issue; this module fixes the coordinates and module name.
 */
package org.stm4j.collections;
