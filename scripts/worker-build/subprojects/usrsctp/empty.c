/* Podium: empty translation unit for the placeholder static libraries in meson.build. */
