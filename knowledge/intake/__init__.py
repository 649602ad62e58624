"""Intake beyond food: supplement doses (``supplements``), medicines, conditions and symptoms (``mentions``), lab
values (``labs``), and targets and upper limits by age and sex (``targets``)."""
