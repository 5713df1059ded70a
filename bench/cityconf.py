"""What bench/citygen.py's city and the load run (bench/load/) share."""

CODE = "1597"  # the city's division code prefix (not a real one): districts 1597dd000000
CLERK_PASSWORD = "City-Clerk-2026"  # of the window clerks city_clerk_<centre id>, one per centre
