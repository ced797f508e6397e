"""Tables in and out: the import (reading, mapping, checking) and the exports, by format."""
