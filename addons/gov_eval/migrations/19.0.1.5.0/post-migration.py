"""19.0.1.5.0: every case carries its portal token from its creation on (gov.case.create), so that
the pages showing it only read and may run on a read-only replica. Cases made before get theirs
now (a random UUID, as portal.mixin makes them)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE gov_case SET access_token = gen_random_uuid()::text WHERE access_token IS NULL")
