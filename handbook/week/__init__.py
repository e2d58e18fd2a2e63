"""The week: guidelines, the plan model and its settings, the planner, plan files, calendar, CSV."""
