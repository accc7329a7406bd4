// What an application header includes to declare dimensions, plugins and
// schemas. It pulls in no reflection and no generator machinery, so that it
// stays cheap to include everywhere.
#pragma once

#include <pgcraft/column.hpp>
#include <pgcraft/constraints.hpp>
#include <pgcraft/dimension.hpp>
#include <pgcraft/extension.hpp>
#include <pgcraft/fixed_string.hpp>
#include <pgcraft/plugin.hpp>
#include <pgcraft/plugins/created_at.hpp>
#include <pgcraft/plugins/history.hpp>
#include <pgcraft/plugins/primary_keys.hpp>
#include <pgcraft/plugins/simple_table.hpp>
#include <pgcraft/plugins/table_constraints.hpp>
#include <pgcraft/schema.hpp>
#include <pgcraft/sql_type.hpp>
#include <pgcraft/types.hpp>
