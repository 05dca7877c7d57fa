-- A trigger's input (any JSON, as text), passed to the task, shown by GET /task/{id}, and resumed with the task.
-- Existing rows keep NULL: they were triggered without input. Portable SQL (SQLite and PostgreSQL).
ALTER TABLE tasks ADD COLUMN input TEXT;
