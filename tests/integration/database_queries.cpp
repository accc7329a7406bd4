#include "database_queries.hpp"

namespace pgcraft_it {

void apply_in_transaction(connection& db, const std::string& ddl) {
    db.exec("BEGIN");
    try {
        db.exec(ddl);
    } catch (...) {
        db.failure_of("ROLLBACK");
        throw;
    }
    db.exec("COMMIT");
}

std::vector<std::string> user_relations(connection& db) {
    std::vector<std::string> names;
    for (const row& r : db.query("SELECT n.nspname || '.' || c.relname FROM pg_class c "
                                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                                 "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
                                 "ORDER BY 1"))
        names.push_back(r[0].value_or(""));
    return names;
}

std::vector<std::string> user_schemas(connection& db) {
    std::vector<std::string> names;
    for (const row& r : db.query("SELECT nspname FROM pg_namespace "
                                 "WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') "
                                 "AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%' "
                                 "ORDER BY 1"))
        names.push_back(r[0].value_or(""));
    return names;
}

}  // namespace pgcraft_it
