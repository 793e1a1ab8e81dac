// Stands in for `server-only` in the production server bundle (see server/build.mjs).
