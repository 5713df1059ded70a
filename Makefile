# The two commands of the README. Both do every set-up step a fresh machine needs
# and skip the steps that are already done.
.PHONY: run test setup lint
run:    ## set up, create or update gov_demo, serve on http://127.0.0.1:8069
	@scripts/govctl run
test:   ## set up, lint, fresh test database, every module's tests and tests/
	@scripts/govctl test $(MODULES)
setup:
	@scripts/govctl setup
lint:
	@scripts/govctl lint
