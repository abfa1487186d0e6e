/**
 * The engine's face for the collections: exported only to {@code org.stm4j.collections}, never to
 * users. What a structure built of TVars needs from the engine and nothing more.
 */
package org.stm4j.access;
