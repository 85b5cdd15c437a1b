package org.newsindex.analysis;

/**
 * One indexed token: its term (the stem the index stores), its surface form (lower-cased, as the
 * user would type it), its position (with gaps where stop words were removed) and its character
 * offsets in the original text.
 */
public record Token(String term, String surface, int position, int startOffset, int endOffset) {}
